package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.core.WordTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The real "limit" of the benchmark: the fastest plain-Java word count we have
 * for the same lines, no Spark. Each of {@code threads} threads counts its share of the lines into
 * its own {@link WordTable} (tokenizing and counting in one pass, a {@code String} per distinct word
 * only), and the tables are merged smaller into larger, reusing the stored hashes. The calling
 * thread counts the first share itself, so two threads cost one hand-off, not two.
 *
 * <p>{@link LimitCounter}, the {@code HashMap} + {@code String}-per-word counter, stays as the
 * second reference: the gap between the two is what allocation-free counting is worth.
 */
public final class TableLimitCounter implements AutoCloseable {
  private final Tokenizer tokenizer;
  private final int threads;
  private final ExecutorService pool;

  /** Counts by {@code tokenizer} on {@code threads} threads (the bench uses 2, local[2]'s cores). */
  public TableLimitCounter(Tokenizer tokenizer, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.tokenizer = tokenizer;
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "table-limit-counter");
      t.setDaemon(true);
      return t;
    });
  }

  /** Counts the words of {@code lines} into one table: what the bench times. */
  public WordTable countTable(List<String> lines) throws InterruptedException {
    int n = lines.size();
    List<Future<WordTable>> others = new ArrayList<>(threads - 1);
    for (int t = 1; t < threads; t++) {
      List<String> share = lines.subList(n * t / threads, n * (t + 1) / threads);
      others.add(pool.submit(() -> countShare(share)));
    }
    WordTable merged = countShare(lines.subList(0, n / threads));
    for (Future<WordTable> f : others) {
      WordTable part;
      try {
        part = f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("table limit counter failed", e.getCause());
      }
      if (part.size() > merged.size()) {
        part.addAll(merged);
        merged = part;
      } else {
        merged.addAll(part);
      }
    }
    return merged;
  }

  /** Counts the words of {@code lines}: word to count, the form the bench checks. */
  public Map<String, Long> count(List<String> lines) throws InterruptedException {
    return countTable(lines).toMap();
  }

  private WordTable countShare(List<String> share) {
    WordTable table = new WordTable();
    for (String line : share) {
      table.addWords(line, tokenizer);
    }
    return table;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
