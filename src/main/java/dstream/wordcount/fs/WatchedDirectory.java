package dstream.wordcount.fs;

import dstream.wordcount.core.FileChanges;
import dstream.wordcount.core.Periodic;
import dstream.wordcount.text.LineIndex;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files source's watch on its directory, on either engine: lists it on the driver once per
 * batch interval, on a thread of its own (a structured query runs no micro-batch while no new
 * file arrives, so the batches cannot be what drives it), and says once per file what
 * {@link FileChanges} finds: a file written in place (WARN, naming the fix) or an empty one (INFO).
 * Listing a directory is the cost: the source itself lists it as often. A new file larger than
 * {@link LineLimit} may hold a line longer than it, which Hadoop's line reader skips without a
 * word, so such a file is read once here and its first too-long line named (WARN): a second read
 * of big files only, off the batches' path.
 */
public final class WatchedDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedDirectory.class);
  private static final long MIN_PERIOD_MS = 500;

  private final FileSystem fs;
  private final Path dir;
  private final FileChanges changes = new FileChanges();
  private final Set<String> scanned = new HashSet<>();
  private final ScheduledExecutorService timer;

  private WatchedDirectory(FileSystem fs, Path dir, long periodMs) {
    this.fs = fs;
    this.dir = dir;
    this.timer = Periodic.start("files-source-watch", 0, Math.max(MIN_PERIOD_MS, periodMs),
        this::look);
  }

  /** Starts watching {@code dir} every {@code periodMs} (the batch interval); close to stop. */
  public static WatchedDirectory start(String dir, Map<String, String> sparkConf, long periodMs)
      throws IOException {
    Path path = new Path(dir);
    FileSystem fs = FileSystem.newInstance(path.toUri(), HadoopConf.of(sparkConf));
    return new WatchedDirectory(fs, fs.makeQualified(path), periodMs);
  }

  private void look() {
    List<FileChanges.Listed> listing = new ArrayList<>();
    try {
      for (FileStatus st : fs.listStatus(dir)) {
        if (st.isFile()) {
          listing.add(new FileChanges.Listed(st.getPath().getName(), st.getLen(),
              st.getModificationTime()));
        }
      }
    } catch (IOException | RuntimeException e) { // the source's own listing reports it
      LOG.debug("files source: cannot list {}: {}", dir, e.toString());
      return;
    }
    for (FileChanges.Listed f : listing) {
      if (f.length() > LineLimit.MAX_LINE_BYTES && !FileChanges.skipped(f.name())
          && scanned.add(f.name())) {
        sayLongLine(new Path(dir, f.name()));
      }
    }
    for (FileChanges.Event e : changes.look(listing)) {
      Path file = new Path(dir, e.name());
      if (e.kind() == FileChanges.Kind.EMPTY) {
        LOG.info("files source: {} is empty (0 bytes), nothing to count in it; a file still being"
            + " written is read as it is when listed: write it elsewhere, then move it in", shown(file));
      } else {
        LOG.warn("files source: {} changed after it was picked up ({} -> {} bytes): a file is read"
            + " once, so lines written to it in place are not counted; write each file elsewhere,"
            + " then move it into {}", shown(file), e.firstLength(), e.length(), shown(dir));
      }
    }
  }

  /** Says the first line of {@code file} longer than the limit, if it has one. */
  private void sayLongLine(Path file) {
    try (InputStream in = fs.open(file)) {
      LineIndex.scan(in, Integer.MAX_VALUE);
    } catch (LineIndex.LineTooLong e) {
      LOG.warn(LineLimit.skipped("files", "line " + e.line() + " of " + shown(file)));
    } catch (IOException e) { // moved away or unreadable: the source itself says so
      LOG.debug("files source: cannot read {}: {}", file, e.toString());
    }
  }

  /** A local path as the user typed it, anything else as a URI. */
  private String shown(Path p) {
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      fs.close();
    } catch (IOException e) {
      LOG.debug("closing the watch's file system", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
