package dstream.wordcount.engine.structured;

import dstream.wordcount.text.LineIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of one replay query: the file's {@link LineIndex}, built once when the query
 * starts, and offsets that are line numbers. Each trigger admits exactly the next N lines, which
 * is what makes micro-batch k hold lines {@code k*N .. k*N+N-1} as the DStream replay's batch k
 * does.
 *
 * <p>Admission control ({@link SupportsAdmissionControl}) is how a source decides how far a
 * micro-batch reaches; without it Spark would take everything up to {@code latestOffset()}, the
 * whole file, in one batch. The read limit Spark passes is ignored: N lines per micro-batch is the
 * source's contract, whatever the trigger. {@link SupportsTriggerAvailableNow} lets
 * {@code Trigger.AvailableNow()} replay the whole file in those same batches and then end the
 * query; the file is a snapshot taken at start, so there is nothing to prepare.
 *
 * <p>With {@link Times}, each row also holds its batch's logical time, {@code k * batchMs} for
 * micro-batch k, and the file's lines are followed by {@code ticks} tick batches, one row with a
 * null line each, at the next batch times: a windowed query's watermark moves on with them until
 * every window holding input has been emitted, as the DStream replay runs on after its input.
 * A tick's offset is one past the previous one, beyond the file's line count.
 */
final class ReplayMicroBatchStream
    implements MicroBatchStream, SupportsAdmissionControl, SupportsTriggerAvailableNow {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayMicroBatchStream.class);

  private final Path file;
  private final LineIndex index;
  private final Times times;
  private final long ticks;

  /**
   * The logical time of the batches.
   *
   * @param batchMs the length of a batch: micro-batch k is at {@code k * batchMs} ms
   * @param ticks tick batches after the last line (none after an empty file)
   */
  record Times(long batchMs, long ticks) {}

  /** {@code times}: null for rows without a time (and no ticks). */
  ReplayMicroBatchStream(Path file, int every, Times times) {
    this.file = file;
    this.times = times;
    long t0 = System.nanoTime();
    try {
      this.index = LineIndex.of(file, every);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the replay file " + file, e);
    }
    LOG.info("Replay of {}: {} in {} ms", file, index, (System.nanoTime() - t0) / 1_000_000);
    this.ticks = times == null || index.lines() == 0 ? 0 : times.ticks();
  }

  /** The index the offsets refer to. */
  LineIndex index() {
    return index;
  }

  @Override
  public Offset initialOffset() {
    return new LineOffset(0);
  }

  /** Never called: Spark asks a source with admission control {@link #latestOffset(Offset, ReadLimit)}. */
  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException(
        "the replay source admits N lines per micro-batch: call latestOffset(start, limit)");
  }

  /**
   * The end of the next N lines after {@code start}, fewer at the end of the file; null when no
   * line is left, Spark's "no new data": an offset equal to {@code start} would still make Spark
   * run an empty first micro-batch (batch 0 of an empty file), since nothing is committed yet.
   */
  @Override
  public Offset latestOffset(Offset start, ReadLimit limit) {
    long from = LineOffset.lineOf(start);
    long left = index.lines() - from; // negative for a checkpoint of a longer file: nothing left
    if (left <= 0) {
      return from < index.lines() + ticks ? new LineOffset(from + 1) : null;
    }
    return new LineOffset(from + Math.min(left, index.every()));
  }

  /** The end of the file: what query progress reports as the source's latest offset. */
  @Override
  public Offset reportLatestOffset() {
    return new LineOffset(index.lines() + ticks);
  }

  @Override
  public void prepareForTriggerAvailableNow() {}

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    long from = LineOffset.lineOf(start);
    long lines = index.lines();
    if (from >= lines) {
      long tick = from - lines; // 0 for the first tick
      return from < lines + ticks && LineOffset.lineOf(end) > from
          ? new InputPartition[] {ReplayPartition.tick(timeMicros(index.blocks() + tick))}
          : new InputPartition[0];
    }
    long to = Math.min(LineOffset.lineOf(end), lines);
    if (to <= from) {
      return new InputPartition[0];
    }
    // One partition: a batch is N consecutive lines, read in order by one sequential reader.
    LineIndex.Start s = index.start(from);
    return new InputPartition[] {new ReplayPartition(file.toString(), s.byteOffset(), s.skip(),
        to - from, times == null ? -1 : timeMicros(from / index.every()))};
  }

  /** The logical time of micro-batch {@code k}, in microseconds (Spark's timestamps). */
  private long timeMicros(long k) {
    return k * times.batchMs() * 1000;
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ReplayReader.Factory();
  }

  @Override
  public Offset deserializeOffset(String json) {
    return LineOffset.parse(json);
  }

  /** Nothing to release: lines already read need no acknowledgement. */
  @Override
  public void commit(Offset end) {}

  /** Nothing is open between batches. */
  @Override
  public void stop() {}

  @Override
  public String toString() {
    return "replay " + file + " (" + index + ")";
  }
}
