package dstream.wordcount.outputs.db;

import java.util.List;

/**
 * The tables of the database output, each named {@code <prefix><name>}, with the columns a reader
 * relies on, in order. One enum so the DDL, the shape check of an existing table and the write
 * statements cannot drift apart. The types are the ones SQLite and PostgreSQL both accept.
 */
public enum DbTable {
  /** Words per batch or window: count, filter, window, top. */
  COUNTS("counts", "batch_time BIGINT NOT NULL, word TEXT NOT NULL, count BIGINT NOT NULL,"
      + " PRIMARY KEY (batch_time, word)",
      List.of("batch_time", "word", "count"), List.of("batch_time", "word"),
      "(batch_time, word) DO UPDATE SET count = excluded.count"),
  /** The latest running total of each word: cumulative and state. */
  TOTALS("totals", "word TEXT NOT NULL PRIMARY KEY, total BIGINT NOT NULL, batch_time BIGINT NOT NULL",
      List.of("word", "total", "batch_time"), List.of("word"),
      // An older batch (re-run after recovery) never overwrites a newer total.
      "(word) DO UPDATE SET total = excluded.total, batch_time = excluded.batch_time"
          + " WHERE excluded.batch_time >= %T.batch_time"),
  /** Words the state pipeline evicted, with their last total, by the batch that evicted them. */
  EVICTIONS("evictions", "batch_time BIGINT NOT NULL, word TEXT NOT NULL, total BIGINT NOT NULL,"
      + " PRIMARY KEY (batch_time, word)",
      List.of("batch_time", "word", "total"), List.of("batch_time", "word"),
      "(batch_time, word) DO UPDATE SET total = excluded.total"),
  /** One number per batch or window: count-window, errors. */
  NUMBERS("numbers", "batch_time BIGINT NOT NULL PRIMARY KEY, value BIGINT NOT NULL,"
      + " alert BOOLEAN NOT NULL",
      List.of("batch_time", "value", "alert"), List.of("batch_time"),
      "(batch_time) DO UPDATE SET value = excluded.value, alert = excluded.alert"),
  /** Matching lines in their order within the batch: grep. */
  LINES("lines", "batch_time BIGINT NOT NULL, seq INT NOT NULL, line TEXT NOT NULL,"
      + " PRIMARY KEY (batch_time, seq)",
      List.of("batch_time", "seq", "line"), List.of("batch_time", "seq"),
      "(batch_time, seq) DO UPDATE SET line = excluded.line"),
  /** One summary per batch: stats. */
  STATS("stats", "batch_time BIGINT NOT NULL PRIMARY KEY, lines BIGINT NOT NULL,"
      + " words BIGINT NOT NULL, distinct_words BIGINT NOT NULL, mean DOUBLE PRECISION NOT NULL,"
      + " max BIGINT NOT NULL, min BIGINT NOT NULL, max_words TEXT NOT NULL,"
      + " min_words TEXT NOT NULL",
      List.of("batch_time", "lines", "words", "distinct_words", "mean", "max", "min",
          "max_words", "min_words"), List.of("batch_time"),
      "(batch_time) DO UPDATE SET lines = excluded.lines, words = excluded.words,"
          + " distinct_words = excluded.distinct_words, mean = excluded.mean,"
          + " max = excluded.max, min = excluded.min, max_words = excluded.max_words,"
          + " min_words = excluded.min_words"),
  /** One row per batch whose results are completely in the database: the commit marker. */
  BATCHES("batches", "batch_time BIGINT NOT NULL PRIMARY KEY, pipeline TEXT NOT NULL,"
      + " records BIGINT NOT NULL, committed_at BIGINT NOT NULL",
      List.of("batch_time", "pipeline", "records", "committed_at"), List.of("batch_time"),
      "(batch_time) DO NOTHING");

  private final String suffix;
  private final String columnsDdl;
  private final List<String> columns;
  private final List<String> key;
  private final String onConflict;

  DbTable(String suffix, String columnsDdl, List<String> columns, List<String> key,
      String onConflict) {
    this.suffix = suffix;
    this.columnsDdl = columnsDdl;
    this.columns = columns;
    this.key = key;
    this.onConflict = onConflict;
  }

  /** The table's name under {@code prefix}. */
  public String name(String prefix) {
    return prefix + suffix;
  }

  /** Column names in order. */
  public List<String> columns() {
    return columns;
  }

  /** The table's name without a prefix: a MongoDB collection's name. */
  public String suffix() {
    return suffix;
  }

  /** The columns of the primary key, in order: what identifies a row (a document's {@code _id}). */
  public List<String> key() {
    return key;
  }

  /** True for the tables whose rows belong to one batch and are replaced when it is re-run. */
  public boolean keyedByBatch() {
    return this != TOTALS && this != BATCHES;
  }

  /** {@code CREATE TABLE IF NOT EXISTS ...}. */
  String createSql(String prefix) {
    return "CREATE TABLE IF NOT EXISTS " + name(prefix) + " (" + columnsDdl + ")";
  }

  /** The idempotent insert of one row: a re-run writes the same row again, never a second one. */
  String upsertSql(String prefix) {
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      marks.append(i == 0 ? "?" : ", ?");
    }
    return "INSERT INTO " + name(prefix) + " (" + String.join(", ", columns) + ") VALUES ("
        + marks + ") ON CONFLICT " + onConflict.replace("%T", name(prefix));
  }
}
