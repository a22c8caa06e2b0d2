package dstream.wordcount.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} on a file system that fills up, a real one: a 256 KiB {@code tmpfs} mounted
 * for the test (CI runs as root, as it does to install its Debian packages). The job ends at the
 * first failed write, well within {@code --stop-timeout}, with one line naming the directory and
 * the cause, no stack trace on stderr, and no directory left without {@code _SUCCESS}; the
 * batches written before it are whole. Through {@code bin/run-wordcount}, on both engines.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FullDiskTest {
  @TempDir Path tmp;
  private Path disk;

  private Path mountSmallDisk() throws Exception {
    disk = Files.createDirectories(tmp.resolve("disk"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs",
        disk.toString()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
        "this test mounts a small tmpfs and needs root for it: " + said);
    return disk;
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskEndsTheJobAtOnceInOneLineOnBothEngines() throws Exception {
    Path input = tmp.resolve("in.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("w").append(i).append(" v").append(i % 997).append(" x").append(i * 7).append('\n');
    }
    Files.writeString(input, text);
    Path disk = mountSmallDisk();
    for (String engine : List.of("dstream", "structured")) {
      Path prefix = disk.resolve(engine + "/wc");
      long start = System.nanoTime();
      try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--engine", engine,
          "--source", "replay", "--input", input.toString(), "--lines-per-batch", "5000",
          "--batch", "500ms", "--output", prefix.toString(), "--no-print",
          "--stop-timeout", "60s")) {
        assertEquals(1, run.awaitExit(Duration.ofSeconds(120)), run.err());
        List<String> lines = run.err().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("run-wordcount: job failed: --output " + prefix + ": cannot write "
            + prefix + "-\\d+\\.txt \\(No space left on device\\); its partial directory was"
            + " removed \\(details in the log\\)"), run.err());
        // At once, not after the 60 s --stop-timeout of batches that fail the same way (start-up
        // and the batches before the failure take a few seconds).
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 60, "ended after " + seconds + " s:\n" + run.err());
        assertFalse(run.err().contains("not processed"), run.err());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in")),
            "no stack trace on stderr:\n" + run.err());
        assertTrue(lines.size() < 20, "a short stderr:\n" + run.err());
      }
      assertEquals(List.of(), withoutSuccess(prefix.getParent()),
          "every directory left is a whole batch");
    }
  }

  private static List<Path> withoutSuccess(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> batches = Files.list(dir)) {
      return batches.filter(b -> !Files.exists(b.resolve("_SUCCESS"))).toList();
    }
  }
}
