package dstream.wordcount.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the {@code --output} directories of a {@code cumulative} or {@code state} job say the totals
 * are, counting only batches committed with {@code _SUCCESS}; for tests that kill and restart
 * drivers and then require exact totals.
 */
public final class OutputTotals {
  private final Path prefix;
  private final boolean changesOnly;
  private final long timeoutMs;

  /**
   * The totals of the job writing {@code --output prefix}; {@code changesOnly} for {@code state},
   * whose batches hold the words that changed; each wait at most {@code timeoutMs}.
   */
  public OutputTotals(Path prefix, boolean changesOnly, long timeoutMs) {
    this.prefix = prefix;
    this.changesOnly = changesOnly;
    this.timeoutMs = timeoutMs;
  }

  public List<Path> allBatchDirs() throws IOException {
    String base = prefix.getFileName() + "-";
    try (Stream<Path> dirs = Files.list(prefix.getParent())) {
      return dirs.filter(p -> p.getFileName().toString().startsWith(base)).sorted().toList();
    }
  }

  /** Batch time to the lines of every batch directory that was committed (has _SUCCESS). */
  public SortedMap<Long, List<String>> completeBatches() {
    SortedMap<Long, List<String>> batches = new TreeMap<>();
    try {
      String base = prefix.getFileName() + "-";
      for (Path dir : allBatchDirs()) {
        if (!Files.exists(dir.resolve("_SUCCESS"))) {
          continue;
        }
        String name = dir.getFileName().toString();
        long time = Long.parseLong(name.substring(base.length(), name.length() - ".txt".length()));
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
          for (Path part : parts.sorted().toList()) {
            if (part.getFileName().toString().startsWith("part-")) {
              lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            }
          }
        }
        batches.put(time, lines);
      }
    } catch (IOException e) {
      return new TreeMap<>(); // a directory being rewritten right now: look again later
    }
    return batches;
  }

  /**
   * cumulative: the latest batch holds every total; state: each batch holds the words that
   * changed, so the totals are each word's latest line.
   */
  public Map<String, Long> current() {
    SortedMap<Long, List<String>> batches = completeBatches();
    if (batches.isEmpty()) {
      return Map.of();
    }
    if (!changesOnly) {
      return Counts.parse(batches.get(batches.lastKey()));
    }
    Map<String, Long> latest = new TreeMap<>();
    batches.values().forEach(lines -> latest.putAll(Counts.parse(lines)));
    return latest;
  }

  /** The largest count any batch ever showed per word. */
  public Map<String, Long> highest() {
    Map<String, Long> max = new TreeMap<>();
    for (List<String> lines : completeBatches().values()) {
      Counts.parse(lines).forEach((w, c) -> max.merge(w, c, Math::max));
    }
    return max;
  }

  /**
   * Waits until the totals equal {@code target}; fails at once when any batch shows a count
   * above {@code ceiling}, the totals of everything fed so far.
   */
  public void awaitExactly(Map<String, Long> target, Map<String, Long> ceiling,
      Supplier<String> log) throws InterruptedException {
    Waits.until(timeoutMs, () -> "totals " + target + ", have " + current() + log.get(), () -> {
      highest().forEach((w, c) -> assertTrue(c <= ceiling.getOrDefault(w, 0L),
          "counted twice: " + w + "=" + c + " but only " + ceiling + " was fed" + log.get()));
      return current().equals(target);
    });
  }
}
