package dstream.wordcount.engine.structured;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One micro-batch of the replay, as an executor reads it: seek to {@code byteOffset} in
 * {@code path}, skip {@code skip} lines, read {@code lines} lines. Small and serializable: the
 * driver sends it to the executor instead of the lines themselves.
 *
 * @param path the file
 * @param byteOffset a line start the driver's index gave
 * @param skip lines to pass over from there (0 unless the batch does not start at an indexed line)
 * @param lines lines to read
 * @param timeMicros the batch's logical time for each row, or -1 for rows without a time
 */
record ReplayPartition(String path, long byteOffset, long skip, long lines, long timeMicros)
    implements InputPartition {
  /** A tick: no line of the file, one row with a null line at {@code timeMicros}. */
  static ReplayPartition tick(long timeMicros) {
    return new ReplayPartition(null, 0, 0, 0, timeMicros);
  }

  boolean isTick() {
    return path == null;
  }

  boolean timed() {
    return timeMicros >= 0;
  }
}
