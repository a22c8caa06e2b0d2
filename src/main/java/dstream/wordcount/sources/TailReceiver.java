package dstream.wordcount.sources;

import dstream.wordcount.core.FileFollower;
import dstream.wordcount.text.LineLimit;
import dstream.wordcount.core.FilePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custom receiver behind {@code --source tail}: one thread follows the file with a
 * {@link FileFollower} every {@value #POLL_MS} ms and stores what it read.
 *
 * <p>Technique: a <em>reliable</em> custom receiver ({@code Receiver<String>}). Each poll's lines
 * are stored as one block with {@code store(Iterator)}, which returns only once the block is in
 * Spark's block manager, in the receiver write-ahead log when
 * {@code spark.streaming.receiver.writeAheadLog.enable=true}, and reported to the driver (whose
 * block tracker logs it in the checkpoint directory). Only then does the receiver move its
 * position on: in memory, so a receiver restart resumes there, and, with a local
 * {@code --checkpoint}, in {@code DIR/}{@value TailSource#POSITION_FILE}, so a restarted driver
 * resumes there too, reading what was appended while it was down. A crash between a block's
 * storage and the position write (a few microseconds) reads that block again: at least once.
 *
 * <p>Rate: Spark's limiter ({@code spark.streaming.receiver.maxRate}, backpressure) acts on
 * records stored one at a time; a block stored whole bypasses it, so this receiver applies
 * {@code spark.streaming.receiver.maxRate} itself (smaller blocks and a pause after each). The
 * rate that backpressure estimates is not visible to a block-storing receiver through Spark's
 * public API, so with backpressure on, only the fixed maximum rate applies here.
 *
 * <p>Serializable (it is part of the checkpointed graph): it holds only the paths, the start
 * policy and the storage level; its thread and position are transient, rebuilt in
 * {@link #onStart}.
 */
final class TailReceiver extends Receiver<String> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TailReceiver.class);
  /** How often the file is looked at: small, since a poll of an unchanged file is one stat. */
  static final long POLL_MS = 100;
  /** Lines per block at most, so a file read from its start comes in bounded blocks. */
  static final int MAX_BLOCK_LINES = 10_000;
  private static final long STOP_WAIT_MS = 2_000;

  private final String file;
  private final boolean fromStart;
  private final String positionFile;
  /** The file's end when the job started, where a first start without a saved position begins. */
  private final FilePosition start;
  private transient volatile Thread worker;
  private transient volatile boolean running;
  /** Where the last stored block ended: a receiver restart resumes here. */
  private transient volatile FilePosition stored;

  /**
   * @param file the local file to follow
   * @param fromStart read an existing file from its start, not its end (first start only)
   * @param positionFile where the position is kept across driver restarts, or null
   * @param start the file's end when the job started (following from its end), or null
   */
  TailReceiver(String file, boolean fromStart, String positionFile, StorageLevel level,
      FilePosition start) {
    super(level);
    this.file = file;
    this.fromStart = fromStart;
    this.positionFile = positionFile;
    this.start = start;
  }

  @Override
  public void onStart() {
    running = true;
    Thread t = new Thread(this::follow, "tail-receiver " + file);
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  /**
   * Stops promptly: the thread sees the flag within one poll. It is not interrupted, since an
   * interrupt inside {@code store} could end a block that was stored without its position moving
   * on, which would read it twice after a restart.
   */
  @Override
  public void onStop() {
    running = false;
    Thread t = worker;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(STOP_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    worker = null;
  }

  private boolean active() {
    return running && !isStopped();
  }

  private void follow() {
    FilePosition saved = stored != null ? stored : savedPosition();
    FilePosition resume = saved != null ? saved : start;
    long maxRate = SparkEnv.get() == null ? 0
        : SparkEnv.get().conf().getLong("spark.streaming.receiver.maxRate", 0);
    int blockLines = maxRate > 0
        ? (int) Math.max(1, Math.min(MAX_BLOCK_LINES, maxRate * POLL_MS / 1000)) : MAX_BLOCK_LINES;
    try (FileFollower follower =
        new FileFollower(Path.of(file), resume, fromStart,
            m -> LOG.info("tail source: {}", m), LOG::warn, LineLimit.MAX_LINE_BYTES)) {
      FilePosition at = follower.position();
      if (at.fileKey() != null) {
        LOG.info("tail source: receiver started on {} at byte {}{}", file, at.offset(),
            saved != null && at.offset() == saved.offset() ? " (where the last run stopped)" : "");
      }
      while (active()) {
        List<String> lines = follower.poll(blockLines);
        if (lines.isEmpty()) {
          pause(POLL_MS);
          continue;
        }
        long started = System.nanoTime();
        store(lines.iterator()); // blocking: stored (and written ahead) before we go on
        stored = follower.position();
        savePosition(stored);
        if (maxRate > 0) {
          long dueMs = lines.size() * 1000L / maxRate - (System.nanoTime() - started) / 1_000_000;
          pause(dueMs);
        }
      }
    } catch (InterruptedException e) {
      // onStop: the loop ends here
    } catch (IOException e) {
      if (active()) {
        restart("cannot read " + file + ": " + e.getMessage(), e);
      }
    } catch (Exception e) { // store's SparkException is checked, though Scala does not say so
      if (active()) {
        restart("tail receiver of " + file + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** Sleeps {@code ms}, in slices short enough to notice a stop within one poll. */
  private void pause(long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    for (long left = ms; left > 0 && active(); left = end - System.currentTimeMillis()) {
      Thread.sleep(Math.min(left, POLL_MS));
    }
  }

  /** The position the last driver stored, or null (none, or unreadable: said, then ignored). */
  private FilePosition savedPosition() {
    if (positionFile == null) {
      return null;
    }
    Path p = Path.of(positionFile);
    try {
      if (!Files.exists(p)) {
        return null;
      }
      // Line 1: the position; line 2: the file it belongs to (a checkpoint directory reused for
      // another --file before Spark wrote a checkpoint must not move this file's start).
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      if (lines.size() < 2 || !lines.get(1).equals(file)) {
        LOG.info("tail source: {} is the position in another file; following {} from its {}", p,
            file, fromStart ? "start" : "end");
        return null;
      }
      FilePosition pos = FilePosition.parse(lines.get(0));
      if (pos == null) {
        LOG.warn("tail source: {} holds no position; following {} from its {}", p, file,
            fromStart ? "start" : "end");
      }
      return pos;
    } catch (IOException e) {
      LOG.warn("tail source: cannot read {} ({}); following {} from its {}", p, e.getMessage(),
          file, fromStart ? "start" : "end");
      return null;
    }
  }

  /** Written aside, then renamed over the old one, so a crash leaves the old or the new. */
  private void savePosition(FilePosition pos) throws IOException {
    if (positionFile == null) {
      return;
    }
    Path p = Path.of(positionFile);
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    Files.writeString(tmp, pos.toText() + "\n" + file + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
