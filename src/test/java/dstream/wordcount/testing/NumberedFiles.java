package dstream.wordcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The input of the kill-and-recover tests: file k holds "fk spark" and "spark common", so after
 * files 1..n every total is known exactly and a file counted twice or lost shows in its own word;
 * and the checks of what a store holds after them, whichever store it is.
 */
public final class NumberedFiles {
  private NumberedFiles() {}

  /** Moves files {@code from..to} into the watched directory, one after the other. */
  public static void feed(DropFiles drop, int from, int to) throws IOException {
    for (int k = from; k <= to; k++) {
      drop.drop(String.format("file-%02d.txt", k), List.of("f" + k + " spark", "spark common"));
    }
  }

  /** The exact totals after files 1..n. */
  public static Map<String, Long> totals(int n) {
    Map<String, Long> m = new TreeMap<>();
    for (int k = 1; k <= n; k++) {
      m.put("f" + k, 1L);
    }
    if (n > 0) {
      m.put("spark", 2L * n);
      m.put("common", (long) n);
    }
    return m;
  }

  /**
   * Waits until {@code totals} (what a reader of the store sees) equals {@code target}; fails at
   * once when a word is above it (counted twice), after {@code timeoutMs} otherwise.
   */
  public static void awaitExactly(Map<String, Long> target, Supplier<Map<String, Long>> totals,
      long timeoutMs, Supplier<String> log) throws InterruptedException {
    Waits.until(timeoutMs, () -> "totals " + target + ", have " + totals.get() + log.get(), () -> {
      Map<String, Long> now = totals.get();
      now.forEach((w, c) -> assertTrue(c <= target.getOrDefault(w, 0L),
          "counted twice: " + w + "=" + c + " but the target is " + target + log.get()));
      return now.equals(target);
    });
  }

  /**
   * Asserts that every batch's counts ({@code byBatch}: batch time to word counts) belong to a
   * committed batch ({@code committed}: batch time to its records) whose record count they match,
   * and hold whole files, each of files 1..{@code files} in exactly one batch.
   */
  public static void assertEachBatchHoldsWholeFilesOnce(Map<Long, Map<String, Long>> byBatch,
      Map<Long, Long> committed, int files) {
    Set<String> seen = new TreeSet<>();
    for (Map.Entry<Long, Map<String, Long>> batch : byBatch.entrySet()) {
      assertTrue(committed.containsKey(batch.getKey()),
          "rows only of committed batches, not of " + batch);
      assertEquals((long) batch.getValue().size(), committed.get(batch.getKey()),
          "the batches row counts the batch's rows: " + batch);
      Map<String, Long> expected = new TreeMap<>();
      for (String w : batch.getValue().keySet()) {
        if (w.matches("f\\d+")) {
          assertTrue(seen.add(w), "file " + w + " in two batches: " + byBatch);
          expected.put(w, 1L);
        }
      }
      long filesRead = expected.size();
      expected.put("spark", 2 * filesRead);
      expected.put("common", filesRead);
      assertEquals(expected, batch.getValue(), "batch " + batch.getKey() + " holds whole files");
    }
    Set<String> all = new TreeSet<>();
    for (int k = 1; k <= files; k++) {
      all.add("f" + k);
    }
    assertEquals(all, seen, "every file in exactly one committed batch");
  }
}
