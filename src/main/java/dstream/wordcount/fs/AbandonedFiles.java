package dstream.wordcount.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the HDFS files a dead driver left open in its checkpoint directory, before a restarted
 * driver reads them.
 *
 * <p>Why: Spark Streaming keeps a write-ahead log of its batch metadata in
 * {@code DIR/receivedBlockMetadata}, a file it holds open while it runs. When the driver dies with
 * that file open and the DataNode holding its last block restarts too (an HDFS outage, a rolling
 * restart), the block's length is unknown until HDFS recovers the dead writer's lease, which it
 * does by itself only after the lease hard limit (20 minutes to an hour, by version); until then reading the log fails with
 * {@code CannotObtainBlockLengthException} and the job cannot be recovered. Asking the NameNode to
 * recover the lease now ({@code DistributedFileSystem.recoverLease}, as HBase does with its own
 * logs) closes the file at its last acknowledged length: everything the dead driver had
 * acknowledged is kept. On other file systems there are no leases and this does nothing.
 */
public final class AbandonedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AbandonedFiles.class);
  /** Where Spark Streaming's driver-side write-ahead log lives inside a checkpoint directory. */
  static final String METADATA_LOG_DIR = "receivedBlockMetadata";
  private static final long POLL_MS = 250;

  private AbandonedFiles() {}

  /**
   * Recovers the lease of every open file of the checkpoint directory {@code dir}, waiting up to
   * {@code timeoutMs} for HDFS to close them.
   *
   * @return how many files had to be closed
   * @throws IOException when HDFS fails, or a file is still open after the timeout (another
   *     driver may still be writing it)
   */
  public static int close(String dir, long timeoutMs) throws IOException {
    Path root = new Path(dir);
    FileSystem fs = root.getFileSystem(new Configuration());
    if (!(fs instanceof DistributedFileSystem hdfs)) {
      return 0;
    }
    List<Path> open = new ArrayList<>();
    for (Path candidate : candidates(hdfs, root)) {
      if (!hdfs.isFileClosed(candidate)) {
        open.add(candidate);
      }
    }
    long deadline = System.currentTimeMillis() + timeoutMs;
    for (Path file : open) {
      LOG.info("{} was left open by a driver that stopped; recovering its lease so it can be read",
          file);
      boolean closed = hdfs.recoverLease(file);
      while (!closed) {
        if (System.currentTimeMillis() > deadline) {
          throw new IOException(file + " is still open after " + timeoutMs + " ms of lease recovery "
              + "(is another driver still running on this checkpoint?)");
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while recovering the lease of " + file);
        }
        closed = hdfs.isFileClosed(file);
      }
    }
    return open.size();
  }

  /** The files a driver writes and a restarted driver reads: top level and the metadata log. */
  private static List<Path> candidates(FileSystem fs, Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(root, new Path(root, METADATA_LOG_DIR))) {
      FileStatus[] entries;
      try {
        entries = fs.listStatus(dir);
      } catch (FileNotFoundException e) {
        continue;
      }
      for (FileStatus e : entries) {
        if (e.isFile()) {
          files.add(e.getPath());
        }
      }
    }
    return files;
  }
}
