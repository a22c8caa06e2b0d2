package dstream.wordcount.engine.structured;

import dstream.wordcount.core.FileFollower;
import dstream.wordcount.core.FilePosition;
import dstream.wordcount.core.FollowedSpan;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of one tail query: a {@link FileFollower} on the driver, the same one, with the
 * same rules (rotation by file key, the old file's rest first, truncation, a file that appears
 * late), as the DStream engine's receiver. Each trigger, {@link #latestOffset(Offset, ReadLimit)}
 * polls it for the lines appended since, keeps them for the micro-batch, and returns the
 * follower's new position as the end offset ({@link TailOffset}); Spark writes it in the
 * checkpoint's offset log before the micro-batch runs.
 *
 * <p>Why nothing is lost without a write-ahead log: the file is the log. A query restarted on its
 * checkpoint runs its planned-but-uncommitted micro-batch again with the logged offsets, and
 * {@link #planInputPartitions} then reads the same lines from the file again
 * ({@link FollowedSpan}: the bytes between the two positions); then it goes on from the end
 * position, so lines appended while no query ran are read too. Exactly once as long as the file
 * only grows; a re-run micro-batch whose span crosses a rotation reads the old file's rest again
 * only if the rotated file is still in the same directory, and one that crosses a truncation
 * cannot read the lines before it (fewer lines, said in the log). To keep a span to at most one
 * rotation, a micro-batch ends where the follower moved to another file.
 *
 * <p>Admission control ({@link SupportsAdmissionControl}): at most {@code maxLines} lines per
 * micro-batch ({@link ReadLimit#maxRows}), from {@code spark.streaming.receiver.maxRate} times
 * the batch interval, so a file read from its start comes in bounded micro-batches.
 */
final class TailMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl {
  private static final Logger LOG = LoggerFactory.getLogger(TailMicroBatchStream.class);
  /** Lines per poll at most: a poll reads at most 1 MiB anyway. */
  private static final int POLL_LINES = 10_000;

  private final Path file;
  private final TailOffset start;
  private final long maxLines;
  /** The lines of each planned micro-batch, by its end offset's JSON, until it is committed. */
  private final Map<String, Planned> planned = new LinkedHashMap<>();
  private FileFollower follower;
  /** The offset the follower has returned lines up to: the last end offset handed to Spark. */
  private TailOffset followedTo;

  /** A planned micro-batch: where it starts and its lines. */
  private record Planned(TailOffset start, List<String> lines) {}

  /**
   * @param file the local file
   * @param start where a query without a checkpoint starts
   * @param maxLines lines per micro-batch at most
   */
  TailMicroBatchStream(Path file, TailOffset start, long maxLines) {
    this.file = file;
    this.start = start;
    this.maxLines = maxLines;
  }

  @Override
  public Offset initialOffset() {
    return start;
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.maxRows(maxLines);
  }

  /** Never called: Spark asks a source with admission control {@link #latestOffset(Offset, ReadLimit)}. */
  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException(
        "the tail source admits a bounded number of lines per micro-batch: call latestOffset(start, limit)");
  }

  /**
   * The follower's position after the lines appended since {@code start}, at most the limit's
   * rows; null when there is none, Spark's "no new data" (so an idle file runs no micro-batch).
   */
  @Override
  public synchronized Offset latestOffset(Offset startOffset, ReadLimit limit) {
    TailOffset from = TailOffset.of(startOffset);
    long max = limit instanceof ReadMaxRows rows ? Math.min(rows.maxRows(), maxLines) : maxLines;
    try {
      if (follower == null || !from.equals(followedTo)) {
        // The first trigger of this query (fresh, or restarted on its checkpoint): a follower
        // resumed at the position, which is where the last query's last micro-batch ended.
        closeFollower();
        TailOffset rotated = restOfRotated(from);
        if (rotated != null) {
          return rotated;
        }
        follower = new FileFollower(file, from.position(), false, this::say, LOG::warn,
            LineLimit.MAX_LINE_BYTES);
        followedTo = from;
      }
      List<String> lines = new ArrayList<>();
      String key = from.position().fileKey();
      while (lines.size() < max) {
        List<String> got = follower.poll((int) Math.min(max - lines.size(), POLL_LINES));
        lines.addAll(got);
        // Stopping at a move to another file keeps a re-read span to one rotation.
        if (got.isEmpty() || !Objects.equals(key, follower.position().fileKey())) {
          break;
        }
      }
      if (lines.isEmpty()) {
        return null;
      }
      TailOffset end = new TailOffset(follower.position(), from.lines() + lines.size());
      planned.put(end.json(), new Planned(from, List.copyOf(lines)));
      followedTo = end;
      return end;
    } catch (IOException e) {
      closeFollower();
      throw new UncheckedIOException("tail source: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rest of the file the query was reading when it stopped, if it was rotated meanwhile and
   * is still in the same directory, as one micro-batch ending at the start of the file now at
   * the path; null otherwise. A follower resumed at a position in another file reads the new file
   * from its start and could not know the old one, so this reads what the receiver would lose.
   * Not bounded by the per-batch limit: it is what is left of one file.
   */
  private TailOffset restOfRotated(TailOffset from) throws IOException {
    List<String> rest = FollowedSpan.restOfRotated(file, from.position());
    if (rest.isEmpty()) {
      return null;
    }
    FilePosition now = FileFollower.endOf(file);
    say(file + " was rotated while the query was down; reading the rest of the old file ("
        + rest.size() + " line(s)) first, then the new file from its start");
    TailOffset end = new TailOffset(new FilePosition(now == null ? null : now.fileKey(), 0),
        from.lines() + rest.size());
    planned.put(end.json(), new Planned(from, List.copyOf(rest)));
    return end;
  }

  /**
   * One partition holding the micro-batch's lines: those {@link #latestOffset} read, or, for a
   * micro-batch that a previous run of the query planned (a restart on its checkpoint), the same
   * lines read again from the file between the two positions.
   */
  @Override
  public synchronized InputPartition[] planInputPartitions(Offset startOffset, Offset endOffset) {
    TailOffset from = TailOffset.of(startOffset);
    TailOffset to = TailOffset.of(endOffset);
    Planned p = planned.get(to.json());
    List<String> lines;
    if (p != null && p.start().equals(from)) {
      lines = p.lines();
    } else {
      long count = to.lines() - from.lines();
      LOG.info("tail source: reading again the {} line(s) of {} between {} and {}, a micro-batch"
          + " the query planned before it stopped", count, file, from.json(), to.json());
      try {
        lines = List.copyOf(
            FollowedSpan.read(file, from.position(), to.position(), count, this::warn));
        // Kept like a batch read live: Spark may plan a micro-batch more than once.
        planned.put(to.json(), new Planned(from, lines));
      } catch (IOException e) {
        throw new UncheckedIOException("tail source: cannot read " + file + " again: "
            + e.getMessage(), e);
      }
    }
    return lines.isEmpty() ? new InputPartition[0]
        : new InputPartition[] {new LinesPartition(lines)};
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new LinesReader.Factory();
  }

  @Override
  public Offset deserializeOffset(String json) {
    return TailOffset.parse(json);
  }

  /** The lines of micro-batches up to {@code end} are processed: they need not be kept. */
  @Override
  public synchronized void commit(Offset end) {
    long upTo = TailOffset.of(end).lines();
    for (Iterator<Planned> it = planned.values().iterator(); it.hasNext(); ) {
      Planned p = it.next();
      if (p.start().lines() + p.lines().size() <= upTo) {
        it.remove();
      }
    }
  }

  @Override
  public synchronized void stop() {
    closeFollower();
    planned.clear();
  }

  private void closeFollower() {
    if (follower != null) {
      try {
        follower.close();
      } catch (IOException e) {
        LOG.debug("closing the follower of {}", file, e);
      }
      follower = null;
      followedTo = null;
    }
  }

  private void say(String what) {
    LOG.info("tail source: {}", what);
  }

  private void warn(String what) {
    LOG.warn("tail source: {}", what);
  }

  @Override
  public String toString() {
    return "tail " + file;
  }
}
