package dstream.wordcount.engine.structured;

import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;

/** Reads one {@link LinesPartition} on an executor: its lines, a row each, in order. */
final class LinesReader implements PartitionReader<InternalRow> {
  private final Iterator<String> lines;
  private String current;

  LinesReader(LinesPartition partition) {
    this.lines = partition.lines().iterator();
  }

  @Override
  public boolean next() {
    if (!lines.hasNext()) {
      return false;
    }
    current = lines.next();
    return true;
  }

  @Override
  public InternalRow get() {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(current)});
  }

  /** Nothing is open: the lines came with the partition. */
  @Override
  public void close() {}

  /** Sent to the executors: it holds nothing, each partition carries its lines. */
  static final class Factory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new LinesReader((LinesPartition) partition);
    }
  }
}
