package dstream.wordcount.results;

/**
 * What a pipeline's result is, so an output can store or draw it in the shape that fits (a table
 * of counts, a line of numbers, ...) instead of parsing the console text back.
 */
public enum ResultKind {
  /** Words with their count in one batch or window: count, filter, window, top. */
  COUNTS,
  /** Words with their running total since the start: cumulative. */
  TOTALS,
  /** Running totals of the words that changed, and the words evicted, in one batch: state. */
  UPDATES,
  /** One number per batch or window: count-window, errors. */
  NUMBERS,
  /** Text lines in their own order: grep. */
  LINES,
  /** One summary per batch or window: stats. */
  STATS,
  /** The rows of a SQL query per batch or window, with their schema: sql. */
  ROWS
}
