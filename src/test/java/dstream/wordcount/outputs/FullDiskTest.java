package dstream.wordcount.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
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

  /**
   * {@code --checkpoint} on a disk that fills up: Spark's checkpoint writers fail there (on the
   * DStream engine on threads of their own, the batches going on), and the job ends at once in
   * one line naming the directory, the cause and the fix, with no stack trace on stderr. On the
   * structured engine, whose replay recovers, a restart on the same checkpoint once there is
   * space goes on from the last complete checkpoint: the running totals end exact.
   */
  @Test
  void aFullCheckpointDiskEndsTheJobInOneLineAndARestartGoesOn() throws Exception {
    Path input = tmp.resolve("in.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      text.append("word").append(i % 20_000).append('\n');
    }
    Files.writeString(input, text);
    Path disk = mountSmallDisk();
    for (String engine : List.of("dstream", "structured")) {
      Path checkpoint = disk.resolve("cp-" + engine);
      Path out = tmp.resolve("out-" + engine + "/wc");
      String[] args = {"--engine", engine, "--source", "replay", "--input",
          input.toString(), "--lines-per-batch", "5000", "--batch", "500ms", "--pipeline",
          "cumulative", "--checkpoint", checkpoint.toString(), "--output", out.toString(),
          "--no-print", "--stop-timeout", "60s"};
      long start = System.nanoTime();
      try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", args)) {
        assertEquals(1, run.awaitExit(Duration.ofSeconds(120)), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals("run-wordcount: job failed: --checkpoint " + checkpoint + ": cannot write (No"
            + " space left on device); the job stops, its last complete checkpoint is kept: free"
            + " space there, then start the job again with the same --checkpoint to go on from it"
            + " (details in the log)", lines.get(lines.size() - 1), run.err());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 60, engine + " ended after " + seconds + " s:\n" + run.err());
        // A stack trace, or the JVM's report of a thread that died of one (Spark's own one-line
        // ERRORs while the context stops, e.g. "Exception in statusUpdate", are not traces).
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ")
            || l.contains("Exception in thread")), "no stack trace on stderr:\n" + run.err());
        assertTrue(lines.size() < 25, "a short stderr:\n" + run.err());
      }
      if (engine.equals("dstream")) {
        // The next engine starts on an empty disk as this one did, not on what this one left.
        PathUtils.deleteDirectory(checkpoint);
      }
    }
    Process grow = new ProcessBuilder("mount", "-o", "remount,size=64m", disk.toString())
        .redirectErrorStream(true).start();
    assertTrue(grow.waitFor(30, TimeUnit.SECONDS) && grow.exitValue() == 0, "remount");
    Path checkpoint = disk.resolve("cp-structured");
    Path out = tmp.resolve("out-structured/wc");
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--engine", "structured",
        "--source", "replay", "--input", input.toString(), "--lines-per-batch", "5000", "--batch",
        "500ms", "--pipeline", "cumulative", "--checkpoint", checkpoint.toString(), "--output",
        out.toString(), "--no-print", "--stop-timeout", "60s")) {
      assertEquals(0, run.awaitExit(Duration.ofSeconds(180)), run.err());
    }
    SortedMap<Long, List<String>> batches = OutputFiles.read(out);
    Map<String, Long> last = Counts.parse(batches.get(batches.lastKey()));
    assertEquals(20_000, last.size(), "every word in the last totals");
    assertTrue(last.values().stream().allMatch(n -> n == 2), "each word twice, none lost or"
        + " counted twice across the full disk and the restart: " + last.entrySet().stream()
        .filter(e -> e.getValue() != 2).limit(5).toList());
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
