package dstream.wordcount.outputs.db;

import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.results.BatchResult;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.api.java.JavaRDD;

/**
 * One batch's result as the rows of the {@link DbTable}s of its kind, for every store of the
 * exactly-once protocol: the same rows become SQL rows ({@code --db}) and MongoDB documents
 * ({@code --mongo}), so both hold the same fields. The row closures capture the batch time and
 * the alert threshold as longs, nothing else.
 */
public final class ResultRows {
  private ResultRows() {}

  /** True when results of {@code kind} have rows (a SQL query's rows have no fixed shape). */
  public static boolean supports(ResultKind kind) {
    return !DbSettings.tablesOf(kind).isEmpty();
  }

  /**
   * The rows of {@code b}; {@code alertAbove} is the errors pipeline's threshold (-1: alerts
   * off), which sets the alert flag of a number.
   */
  public static JavaRDD<DbRow> of(BatchResult b, long alertAbove) {
    long t = b.timeMs();
    return switch (b.kind()) {
      case COUNTS -> b.counts().map(wc -> new DbRow(DbTable.COUNTS, new Object[] {t, wc._1(), wc._2()}));
      case TOTALS -> b.counts().map(wc -> new DbRow(DbTable.TOTALS, new Object[] {wc._1(), wc._2(), t}));
      case UPDATES -> b.updates().map(u -> updateRow(u, t));
      case NUMBERS -> b.numbers().map(n -> new DbRow(DbTable.NUMBERS,
          new Object[] {t, n, alertAbove >= 0 && n > alertAbove}));
      // zipWithIndex numbers the lines in their order across partitions: seq is global per batch.
      case LINES -> b.lines().zipWithIndex().map(l -> new DbRow(DbTable.LINES,
          new Object[] {t, (int) (long) l._2(), l._1()}));
      case STATS -> b.stats().map(s -> statsRow(s, t));
      case ROWS -> throw new IllegalArgumentException("no table shape for " + b.kind());
    };
  }

  static DbRow updateRow(StateUpdate u, long t) {
    return u.isEviction()
        ? new DbRow(DbTable.EVICTIONS, new Object[] {t, u.word(), u.total()})
        : new DbRow(DbTable.TOTALS, new Object[] {u.word(), u.total(), t});
  }

  static DbRow statsRow(BatchStats b, long t) {
    return new DbRow(DbTable.STATS, new Object[] {t, b.lines(), b.words(), b.distinct(),
        b.mean(), b.max(), b.min(), String.join(",", b.maxWords()),
        String.join(",", b.minWords())});
  }
}
