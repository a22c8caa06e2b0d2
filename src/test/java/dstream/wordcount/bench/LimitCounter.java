package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The "limit" of the benchmark: the same word count with no Spark at all. Each of {@code threads}
 * threads tokenizes its share of the lines with the project's {@link Tokenizer} and counts into
 * its own hash map; the maps are then merged, the plain-Java counterpart of map-side combining
 * followed by {@code reduceByKey}. What Spark adds on top (scheduling, shuffle, serialization) is
 * what the ratio to this limit shows.
 */
public final class LimitCounter implements AutoCloseable {
  private final Tokenizer tokenizer;
  private final int threads;
  private final ExecutorService pool;

  public LimitCounter(Tokenizer tokenizer, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.tokenizer = tokenizer;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "limit-counter");
      t.setDaemon(true);
      return t;
    });
  }

  /** Counts the words of {@code lines}: word to count. */
  public Map<String, Long> count(List<String> lines) throws InterruptedException {
    List<Future<Map<String, long[]>>> parts = new ArrayList<>(threads);
    int n = lines.size();
    for (int t = 0; t < threads; t++) {
      List<String> share = lines.subList(n * t / threads, n * (t + 1) / threads);
      parts.add(pool.submit(() -> countShare(share)));
    }
    Map<String, long[]> merged = null;
    for (Future<Map<String, long[]>> f : parts) {
      Map<String, long[]> part;
      try {
        part = f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("limit counter failed", e.getCause());
      }
      if (merged == null) {
        merged = part;
      } else {
        Map<String, long[]> into = merged.size() >= part.size() ? merged : part;
        Map<String, long[]> from = into == merged ? part : merged;
        for (Map.Entry<String, long[]> e : from.entrySet()) {
          into.computeIfAbsent(e.getKey(), w -> new long[1])[0] += e.getValue()[0];
        }
        merged = into;
      }
    }
    Map<String, Long> out = new HashMap<>(merged == null ? 0 : merged.size() * 2);
    if (merged != null) {
      merged.forEach((w, c) -> out.put(w, c[0]));
    }
    return out;
  }

  private Map<String, long[]> countShare(List<String> share) {
    Map<String, long[]> local = new HashMap<>();
    for (String line : share) {
      tokenizer.forEachWord(line, w -> local.computeIfAbsent(w, k -> new long[1])[0]++);
    }
    return local;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
