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
 */
record ReplayPartition(String path, long byteOffset, long skip, long lines)
    implements InputPartition {}
