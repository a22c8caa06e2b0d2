package dstream.wordcount.fs;

import dstream.wordcount.cli.UsageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * The checks every path option gets before Spark starts ({@code --dir}, {@code --output},
 * {@code --checkpoint}, and the paths of later outputs), through Hadoop's {@code FileSystem} API,
 * so {@code hdfs://host:port/p}, {@code hdfs:///p} (the cluster of {@code HADOOP_CONF_DIR}),
 * {@code file:///p} and plain local paths are checked the same way Spark will use them.
 *
 * <p>Each problem is a {@link UsageException} naming the option, the path and the fix: a file
 * system that cannot be reached (a stopped NameNode, a wrong host or port), a scheme Hadoop does
 * not know, a missing directory where one must exist, a file where a directory is expected, no
 * write permission.
 *
 * <p>The checks use a file system instance of their own that gives up after one connection
 * attempt: Hadoop's client would otherwise retry a refused connection for about ten seconds, and
 * that instance stays out of Hadoop's cache, so the job's own file system keeps Hadoop's retries
 * (which is what rides out a NameNode restart while the job runs).
 */
public final class HadoopPaths {
  private HadoopPaths() {}

  /**
   * A directory that must exist, such as the one the files source watches.
   *
   * @param purpose completes "give ..." when the path is a file, e.g. "the directory new files are
   *     moved into"
   * @param sparkConf the job's: its {@code spark.hadoop.*} settings are applied, as Spark applies
   *     them to the file systems the job itself opens
   */
  public static void existingDirectory(String option, String path, String purpose,
      Map<String, String> sparkConf)
      throws UsageException {
    HadoopFailures.check(option, path, () -> {
      try (FileSystem fs = open(option, path, sparkConf)) {
        Path p = fs.makeQualified(new Path(path));
        FileStatus st = statusOrNull(fs, p);
        if (st == null) {
          throw new UsageException("--" + option + " " + path + ": no such directory; create it first ("
              + mkdirCommand(fs, path) + ")");
        }
        if (!st.isDirectory()) {
          throw new UsageException("--" + option + " " + path + " is not a directory; give " + purpose);
        }
        requireAccess(fs, option, path, p, FsAction.READ_EXECUTE, "read");
      }
    });
  }

  /**
   * The directory {@code prefix} lives in, for outputs that write {@code PREFIX-<batch ms>.txt}:
   * created when missing, so a bad location fails before Spark starts, and writable. {@code
   * sparkConf} is the job's, whose {@code spark.hadoop.*} settings reach the file system.
   */
  public static void outputPrefix(String option, String prefix, Map<String, String> sparkConf)
      throws UsageException {
    HadoopFailures.check(option, prefix, () -> {
      try (FileSystem fs = open(option, prefix, sparkConf)) {
        Path parent = fs.makeQualified(new Path(prefix)).getParent();
        if (parent == null) {
          throw new UsageException("--" + option + " " + prefix
              + ": give a prefix inside a directory, e.g. " + prefix + "/wordcount");
        }
        createDirectory(fs, option, prefix, parent);
      }
    });
  }

  /**
   * A directory that is created when missing and must be writable, such as a checkpoint; {@code
   * sparkConf} as for {@link #outputPrefix}.
   */
  public static void writableDirectory(String option, String dir, Map<String, String> sparkConf)
      throws UsageException {
    HadoopFailures.check(option, dir, () -> {
      try (FileSystem fs = open(option, dir, sparkConf)) {
        Path p = fs.makeQualified(new Path(dir));
        FileStatus st = statusOrNull(fs, p);
        if (st != null && !st.isDirectory()) {
          throw new UsageException("--" + option + " " + dir
              + " is a file; give a directory (it is created when missing)");
        }
        createDirectory(fs, option, dir, p);
      }
    });
  }

  /** Creates {@code dir} (and its parents) unless it is there; then it must be writable. */
  private static void createDirectory(FileSystem fs, String option, String given, Path dir)
      throws IOException, UsageException {
    // The nearest ancestor that exists says why a directory cannot be created, in words a user
    // can act on, the same on every file system.
    Path existing = dir;
    FileStatus st = statusOrNull(fs, existing);
    while (st == null && existing.getParent() != null) {
      existing = existing.getParent();
      st = statusOrNull(fs, existing);
    }
    if (st != null && !st.isDirectory()) {
      throw new UsageException("--" + option + " " + given + ": cannot create directory "
          + display(fs, dir) + " (not a directory); choose a writable location");
    }
    requireAccess(fs, option, given, existing, FsAction.WRITE, "write to");
    if (!existing.equals(dir) && !fs.mkdirs(dir)) {
      throw new UsageException("--" + option + " " + given + ": cannot create directory "
          + display(fs, dir) + "; choose a writable location");
    }
  }

  private static void requireAccess(FileSystem fs, String option, String given, Path p,
      FsAction action, String verb) throws IOException, UsageException {
    boolean allowed;
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      // The operating system decides on local disk (root may write anywhere); Hadoop's generic
      // check compares owner and mode bits only.
      java.nio.file.Path local = java.nio.file.Path.of(p.toUri().getPath());
      allowed = action == FsAction.WRITE ? Files.isWritable(local)
          : Files.isReadable(local) && Files.isExecutable(local);
      if (allowed && action == FsAction.WRITE && !canCreateFileIn(local)) {
        throw new UsageException("--" + option + " " + given + ": cannot create a file in "
            + local + " (" + local.getFileSystem().provider().getFileStore(local).type()
            + " file system); choose a writable location");
      }
    } else {
      try {
        fs.access(p, action);
        allowed = true;
      } catch (AccessControlException e) {
        allowed = false;
      }
    }
    if (!allowed) {
      String user = org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName();
      throw new UsageException("--" + option + " " + given + ": user " + user + " may not " + verb
          + " " + display(fs, p) + "; choose a location " + user + " may " + verb
          + ", or ask its owner to open it (hdfs dfs -chmod / -chown)");
    }
  }

  /**
   * Whether a file can be created in a local directory. The permission bits are not enough: root
   * passes them everywhere, yet {@code /proc}, {@code /sys} and read-only mounts refuse new files,
   * which Spark would only find at the first batch's write.
   */
  private static boolean canCreateFileIn(java.nio.file.Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, ".wordcount-", ".probe"));
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** What a user would type: a local path stays a local path. */
  private static String display(FileSystem fs, Path p) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem
        ? p.toUri().getPath() : p.toString();
  }

  private static String mkdirCommand(FileSystem fs, String path) {
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      return "mkdir -p " + new Path(path).toUri().getPath();
    }
    return "hdfs dfs -mkdir -p " + path + ", or bin/hdfs-local dfs -mkdir -p " + new Path(path).toUri().getPath();
  }

  private static FileStatus statusOrNull(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** A file system for the checks alone: fails fast, not cached, closed after use. */
  private static FileSystem open(String option, String path, Map<String, String> sparkConf)
      throws IOException, UsageException {
    URI uri;
    try {
      uri = new Path(path).toUri();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + option + " " + path + " is not a valid path or URI ("
          + e.getMessage() + ")");
    }
    Configuration conf = HadoopConf.of(sparkConf);
    conf.setInt("ipc.client.connect.max.retries", 0);
    conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    conf.setInt("ipc.client.connect.timeout", 5_000);
    try {
      return FileSystem.newInstance(uri.getScheme() == null ? FileSystem.getDefaultUri(conf) : uri, conf);
    } catch (UnsupportedFileSystemException e) {
      throw new UsageException("--" + option + " " + path + ": no Hadoop file system for scheme '"
          + uri.getScheme() + "'; use hdfs://, file:// or a local path");
    }
  }
}
