package dstream.wordcount.engine.structured;

import dstream.wordcount.text.Utf8Lines;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads one {@link ReplayPartition} on an executor, a row per line, decoded and split exactly as
 * the DStream replay does ({@link Utf8Lines}), with the batch's logical time when the partition
 * has one; a tick partition is one row with a null line. The file is opened at the first
 * {@link #next()}, where an {@code IOException} may be thrown. A file shorter than its index
 * says (it changed during the replay) fails the batch instead of silently giving fewer lines.
 */
final class ReplayReader implements PartitionReader<InternalRow> {
  private final ReplayPartition partition;
  private BufferedReader reader;
  private long remaining;
  private String current;
  private boolean tickDone;

  ReplayReader(ReplayPartition partition) {
    this.partition = partition;
    this.remaining = partition.lines();
  }

  @Override
  public boolean next() throws IOException {
    if (partition.isTick()) {
      current = null;
      boolean first = !tickDone;
      tickDone = true;
      return first;
    }
    if (reader == null) {
      reader = Utf8Lines.from(Path.of(partition.path()), partition.byteOffset());
      for (long k = 0; k < partition.skip(); k++) {
        readOrFail();
      }
    }
    if (remaining == 0) {
      return false;
    }
    current = readOrFail();
    remaining--;
    return true;
  }

  private String readOrFail() throws IOException {
    String line = reader.readLine();
    if (line == null) {
      throw new IOException(partition.path() + " ended before the lines its index promised ("
          + partition + "): the file changed during the replay");
    }
    return line;
  }

  @Override
  public InternalRow get() {
    UTF8String line = current == null ? null : UTF8String.fromString(current);
    return new GenericInternalRow(partition.timed()
        ? new Object[] {line, partition.timeMicros()} : new Object[] {line});
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }

  /** Sent to the executors: it holds nothing, each partition says what to read. */
  static final class Factory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new ReplayReader((ReplayPartition) partition);
    }
  }
}
