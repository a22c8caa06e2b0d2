package dstream.wordcount.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files source (textFileStream) through the production runner: files moved into the
 * directory are counted once each; files there before the start and names starting with a dot
 * are not read.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FilesSourceTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** Every batch's counts added up: what the job counted in all. */
  private static Map<String, Long> total(Path out) {
    Map<String, Long> sum = new TreeMap<>();
    for (List<String> batch : OutputFiles.read(out).values()) {
      Counts.parse(batch).forEach((w, c) -> sum.merge(w, c, Long::sum));
    }
    return sum;
  }

  @Test
  void countsEachNewFileOnce() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("before-start.txt"), "old old old\n");
    Files.writeString(in.resolve("old-mtime.txt"), "ancient\n");
    Files.setLastModifiedTime(in.resolve("old-mtime.txt"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    DropFiles drop = new DropFiles(tmp.resolve("staging"), in);
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("result");
    Map<String, Long> expected = new TreeMap<>(Map.of("a", 1L, "b", 2L, "c", 3L));
    try (BackgroundJob job = BackgroundJob.start(List.of("--source", "files", "--dir", in.toString(),
        "--pipeline", "count", "--batch", "200ms", "--duration", "4s",
        "--output", out.toString(), "--no-print"), spark)) {
      Waits.until(30_000, () -> "the first batch", () -> !OutputFiles.read(out).isEmpty());
      drop.drop("one.txt", List.of("a b"));
      Waits.until(30_000, () -> "one.txt counted: " + total(out), () -> total(out).containsKey("a"));
      drop.drop("two.txt", List.of("b c", "c"));
      drop.drop(".hidden.txt", List.of("hidden"));
      drop.drop("three.txt", List.of("c"));
      job.await(60_000);
    }
    assertEquals(expected, total(out));
  }
}
