package dstream.wordcount.run;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.fs.CheckpointLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint directory as {@link CheckpointClaim} sees it: whether it holds a Spark
 * checkpoint, and the settings record ({@value CheckpointSettings#FILE_NAME}) beside it. The
 * directory may be on any Hadoop file system, as Spark's own checkpoint.
 */
final class SettingsRecordFile {
  /** Spark's checkpoint files are {@code checkpoint-<batch time>[.bk]}. */
  private static final String SPARK_CHECKPOINT_PREFIX = "checkpoint-";
  /** A Structured Streaming query's offset log, its first write to a checkpoint. */
  private static final String STRUCTURED_OFFSETS = "offsets";

  private final FileSystem fs;
  private final Path record;
  private final FileStatus[] entries;

  private SettingsRecordFile(FileSystem fs, Path dir, FileStatus[] entries) {
    this.fs = fs;
    this.record = new Path(dir, CheckpointSettings.FILE_NAME);
    this.entries = entries;
  }

  /**
   * The directory {@code dir}, which need not exist yet.
   *
   * @throws UsageException when {@code dir} is a file
   */
  static SettingsRecordFile in(String dir) throws IOException, UsageException {
    Path path = new Path(dir);
    FileSystem fs = path.getFileSystem(new Configuration());
    if (fs instanceof ChecksumFileSystem local) {
      // The record is meant to be read, and may be edited, by people: no .crc beside it that an
      // edit would turn into a checksum error.
      fs = local.getRawFileSystem();
    }
    FileStatus[] entries = new FileStatus[0];
    if (fs.exists(path)) {
      if (!fs.getFileStatus(path).isDirectory()) {
        throw new UsageException("--" + Options.CHECKPOINT.name() + " " + dir
            + " is a file; give a directory (it is created when missing)");
      }
      entries = fs.listStatus(path);
    }
    return new SettingsRecordFile(fs, path, entries);
  }

  /** True when the directory is missing or holds nothing but the driver lock's own files. */
  boolean isEmpty() {
    for (FileStatus e : entries) {
      if (!CheckpointLock.isOwnFile(e.getPath().getName())) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when Spark wrote a checkpoint there: a streaming context's {@code checkpoint-*} files,
   * or a Structured Streaming query's {@code offsets} log.
   */
  boolean holdsCheckpoint() {
    for (FileStatus e : entries) {
      String name = e.getPath().getName();
      if ((e.isFile() && name.startsWith(SPARK_CHECKPOINT_PREFIX))
          || (e.isDirectory() && name.equals(STRUCTURED_OFFSETS))) {
        return true;
      }
    }
    return false;
  }

  /** The record's text, or null when there is none. */
  String readRecord() throws IOException {
    if (!fs.exists(record)) {
      return null;
    }
    try (InputStream in = fs.open(record)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes beside the record, then renames, so a killed driver never leaves half a record. */
  void writeRecord(String text) throws IOException {
    fs.mkdirs(record.getParent());
    Path tmp = new Path(record.getParent(), "." + record.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(record, false);
    if (!fs.rename(tmp, record)) {
      throw new IOException("cannot rename " + tmp + " to " + record);
    }
  }
}
