package dstream.wordcount.core;

import java.io.Serializable;
import java.util.Locale;

/**
 * Statistics of one sliding window of {@code stats --window D --slide D}: the {@link BatchStats} of
 * the window's word counts (distinct words, mean/max/min count per word, each word counted over the
 * whole window), plus the course labs' "total, average, max, min per second" read over the window's
 * batches: lines and words in the window, how many batches it holds, and the mean, highest and
 * lowest words of one batch.
 *
 * <p>A value is built from parts, and {@link #merge} combines parts field by field, each field with
 * its own identity: sums add (0), the batch extremes take max/min (none yet), the word statistics
 * merge (empty). So the three windowed streams that compute the parts (see
 * {@code pipelines.StatsPipeline}) each fill their own fields and one {@code reduce} of their union
 * puts a window's value together. Only the sums have an inverse ({@link #subtract}): a maximum
 * cannot be "un-merged" when the batch that held it leaves the window, because the merged value no
 * longer knows the second highest.
 */
public final class WindowStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private long lines;
  private long words;
  private long batches;
  private long batchMax = Long.MIN_VALUE;
  private long batchMin = Long.MAX_VALUE;
  private BatchStats wordStats = new BatchStats();
  /** Under event time: the late rows dropped before the window was written; else -1. */
  private long lateRows = -1;

  private WindowStats() {}

  /** A part with these sums and batch extremes, and no word statistics. */
  private static WindowStats of(long lines, long words, long batches, long batchMax,
      long batchMin) {
    WindowStats s = new WindowStats();
    s.lines = lines;
    s.words = words;
    s.batches = batches;
    s.batchMax = batchMax;
    s.batchMin = batchMin;
    return s;
  }

  /** The summary of one batch: its lines and words, counted once, its words as both extremes. */
  public static WindowStats ofBatch(long lines, long words) {
    return of(lines, words, 1, words, words);
  }

  /** Only the invertible sums of this value: lines, words, batches. */
  public WindowStats sums() {
    return of(lines, words, batches, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Only the batch extremes of this value, which have no inverse. */
  public WindowStats extremes() {
    return of(0, 0, 0, batchMax, batchMin);
  }

  /** A part holding only the statistics of a window's word counts. */
  public static WindowStats ofWords(BatchStats wordStats) {
    WindowStats s = new WindowStats();
    s.wordStats = wordStats;
    return s;
  }

  /** Combines two parts (or two disjoint sets of batches), field by field. */
  public static WindowStats merge(WindowStats a, WindowStats b) {
    WindowStats s = of(a.lines + b.lines, a.words + b.words, a.batches + b.batches,
        Math.max(a.batchMax, b.batchMax), Math.min(a.batchMin, b.batchMin));
    s.wordStats = new BatchStats().merge(a.wordStats).merge(b.wordStats);
    return s;
  }

  /**
   * The inverse of {@link #merge} for the sums: {@code a} without the batches of {@code b}. Only
   * parts made by {@link #sums()} may be subtracted; extremes cannot (see the class comment).
   */
  public static WindowStats subtract(WindowStats a, WindowStats b) {
    if (b.batchMax != Long.MIN_VALUE || b.wordStats.distinct() > 0) {
      throw new IllegalArgumentException("only the sums of a window can be subtracted");
    }
    return of(a.lines - b.lines, a.words - b.words, a.batches - b.batches, Long.MIN_VALUE,
        Long.MAX_VALUE);
  }

  /**
   * This window with the late rows its run had dropped when the window was written (event-time
   * windows only: a window by batch time has no late rows). Parts and merges never carry it: it
   * is the run's figure, not a sum over the window.
   */
  public WindowStats withLateRows(long rows) {
    WindowStats s = merge(this, new WindowStats());
    s.lateRows = rows;
    return s;
  }

  /** The late rows dropped before the window was written, or -1 when windows are not by event time. */
  public long lateRows() {
    return lateRows;
  }

  public long lines() {
    return lines;
  }

  public long words() {
    return words;
  }

  public long batches() {
    return batches;
  }

  /** Most words in one batch of the window, 0 when it holds no batch. */
  public long batchMax() {
    return batches == 0 ? 0 : batchMax;
  }

  /** Fewest words in one batch of the window (an empty batch counts: 0). */
  public long batchMin() {
    return batches == 0 ? 0 : batchMin;
  }

  /** Mean words per batch of the window, 0 when it holds no batch. */
  public double batchMean() {
    return batches == 0 ? 0.0 : (double) words / batches;
  }

  /**
   * The window as a {@link BatchStats} (lines, words, distinct, mean/max/min count per word), the
   * shape the database and the dashboard store a stats result in.
   */
  public BatchStats asBatchStats() {
    return new BatchStats().merge(wordStats).withLines(lines);
  }

  /**
   * {@link BatchStats#format} of the window, its words per second over the batches it holds, then
   * the per-batch figures, e.g. {@code lines=4 words=10 distinct=4 mean=2.50 max=5[spark]
   * min=1[big,data] words_per_s=25.00 batches=2 batch_words_mean=5.00 batch_words_max=7
   * batch_words_min=3}, then {@code late_rows=N} for an event-time window.
   */
  public String format(double batchSeconds) {
    return asBatchStats().format(batches * batchSeconds)
        + String.format(Locale.ROOT, " batches=%d batch_words_mean=%.2f batch_words_max=%d"
            + " batch_words_min=%d", batches, batchMean(), batchMax(), batchMin())
        + (lateRows >= 0 ? " late_rows=" + lateRows : "");
  }
}
