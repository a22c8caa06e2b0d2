package dstream.wordcount.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.Waits;
import dstream.wordcount.text.LineLimit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files source and files not moved in, for real ({@code bin/run-wordcount}, both engines): a
 * file written in place and appended to after it was counted gets one WARN naming it and the fix,
 * however often it grows; an empty file one INFO, and no ERROR from Spark. The counts are exact:
 * what was in the file when it was picked up, and the files moved in as the contract says. A
 * line longer than the line limit is skipped (Hadoop's line reader reads past it) and named in
 * one WARN; the lines around it are counted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FilesWrittenInPlaceTest {
  private static final long START_MS = 120_000;
  /** A few batches of 500 ms, on a loaded machine. */
  private static final long TOLD_WITHIN_MS = 15_000;

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dstream", "structured"})
  void aFileWrittenInPlaceIsWarnedOnceAndAnEmptyOneIsInfo(String engine) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("result");
    DropFiles drop = new DropFiles(tmp.resolve("staging"), in);
    try (Launcher.Run job = Launcher.start(tmp, "run-wordcount", "--engine", engine, "--source",
        "files", "--dir", in.toString(), "--batch", "500ms", "--output", out.toString(),
        "--no-print")) {
      // textFileStream skips files older than its start; a query runs once the source is open.
      String started = engine.equals("dstream") ? "batches: batch" : "watching " + in;
      Waits.until(START_MS, () -> "the start" + log(job), () -> job.err().contains(started));
      Path inPlace = Files.writeString(in.resolve("in-place.txt"), "a b\n");
      Waits.until(TOLD_WITHIN_MS, () -> "in-place.txt counted: " + total(out) + log(job),
          () -> total(out).equals(Map.of("a", 1L, "b", 1L)));
      long t0 = System.currentTimeMillis();
      for (int i = 0; i < 5; i++) {
        Files.writeString(inPlace, "late\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Thread.sleep(200);
      }
      String warn = "WARN  WatchedDirectory: files source: " + inPlace + " changed after it was"
          + " picked up (4 -> ";
      Waits.until(TOLD_WITHIN_MS, () -> "the warning" + log(job), () -> job.err().contains(warn));
      System.err.printf("FilesWrittenInPlaceTest %s: warned %d ms after the first append%n",
          engine, System.currentTimeMillis() - t0);
      drop.drop("empty.txt", List.of());
      drop.drop("moved.txt", List.of("c"));
      Waits.until(TOLD_WITHIN_MS, () -> "moved.txt counted: " + total(out) + log(job),
          () -> total(out).containsKey("c"));
      Waits.until(TOLD_WITHIN_MS, () -> "the empty file's line" + log(job),
          () -> job.err().contains("INFO  WatchedDirectory: files source: " + in.resolve("empty.txt")
              + " is empty (0 bytes)"));
      drop.drop("long.txt", List.of("d", "x".repeat(LineLimit.MAX_LINE_BYTES + 1), "e"));
      Waits.until(TOLD_WITHIN_MS + 15_000, () -> "long.txt counted: " + total(out) + log(job),
          () -> total(out).containsKey("e"));
      String tooLong = "WARN  WatchedDirectory: "
          + LineLimit.skipped("files", "line 2 of " + in.resolve("long.txt"));
      Waits.until(TOLD_WITHIN_MS, () -> "the long line's warning" + log(job),
          () -> job.err().contains(tooLong));
      Thread.sleep(1_000); // a few more batches: the appended lines would show now
      assertEquals(143, job.terminate(Duration.ofSeconds(60)), log(job));
      assertEquals(new TreeMap<>(Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L, "e", 1L)), total(out),
          "the lines appended in place are not counted, nor the long line" + log(job));
      assertEquals(1, count(job.err(), "is longer than 16 MiB"), log(job));
      String err = job.err();
      assertEquals(1, count(err, warn), "one warning, however often the file grew" + log(job));
      assertTrue(err.contains("write each file elsewhere, then move it into " + in), log(job));
      assertEquals(1, count(err, "empty.txt is empty"), log(job));
      assertFalse(err.contains("ERROR"), "no ERROR for the empty file" + log(job));
    }
  }

  private static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  /** Every batch's counts added up. */
  private static Map<String, Long> total(Path out) {
    Map<String, Long> sum = new TreeMap<>();
    for (List<String> batch : OutputFiles.read(out).values()) {
      Counts.parse(batch).forEach((w, c) -> sum.merge(w, c, Long::sum));
    }
    return sum;
  }

  private static String log(Launcher.Run job) {
    return "\n--- driver stderr ---\n" + job.err();
  }
}
