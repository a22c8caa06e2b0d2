package dstream.wordcount.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real single-node HDFS for tests, run by the project's own {@code bin/hdfs-local} on a free
 * loopback port with its data in a test directory, so the script is tested too; the first start on
 * a fresh clone resolves the HDFS jars with Maven. Test code reads and writes it through Hadoop's
 * {@code FileSystem} API ({@link #fs}). {@link #close} stops it; call it from {@code @AfterAll}.
 */
public final class Hdfs implements AutoCloseable {
  /** Generous: the first start resolves the jars; the script itself waits at most 90 s. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private final LocalDaemon daemon;
  private FileSystem fs;

  private Hdfs(Path data) {
    this.daemon = LocalDaemon.on("hdfs-local", data, START_TIMEOUT, STOP_TIMEOUT);
  }

  /** Starts an HDFS whose configuration, storage, pid files and logs live in {@code data}. */
  public static Hdfs start(Path data) {
    Hdfs h = new Hdfs(data);
    h.startAgain();
    return h;
  }

  /** {@code hdfs://127.0.0.1:PORT}, as {@code bin/hdfs-local start} printed it. */
  public String uri() {
    return "hdfs://127.0.0.1:" + daemon.port();
  }

  /** {@code hdfs://127.0.0.1:PORT/path}. */
  public String uri(String path) {
    return uri() + path;
  }

  /** Starts the stopped HDFS again on the same port and data; fails unless it printed its URI. */
  public void startAgain() {
    Launcher.Result r = daemon.start();
    if (!r.out().lines().toList().contains(uri())) {
      throw new AssertionError("bin/hdfs-local start did not print " + uri() + ":\n" + r.out());
    }
  }

  /** Stops the NameNode and the DataNode (SIGTERM, bounded). */
  public void stop() {
    closeFs();
    daemon.stop();
  }

  /** Runs {@code bin/hdfs-local dfs ARGS} (Hadoop's FsShell) against it. */
  public Launcher.Result dfs(String... args) {
    List<String> all = new ArrayList<>(List.of("--data", daemon.data().toString(), "dfs"));
    all.addAll(List.of(args));
    return Launcher.run(Duration.ofSeconds(60), "hdfs-local", all.toArray(new String[0]));
  }

  /** A client of its own (not Hadoop's cached one), one replica per file like the server. */
  public synchronized FileSystem fs() {
    if (fs == null) {
      Configuration conf = new Configuration();
      conf.setInt("dfs.replication", 1);
      try {
        fs = FileSystem.newInstance(URI.create(uri()), conf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fs;
  }

  /** Writes {@code lines} to {@code staging/name} and renames it into {@code dir}, as users should. */
  public void moveIn(String staging, String dir, String name, List<String> lines) throws IOException {
    org.apache.hadoop.fs.Path written = new org.apache.hadoop.fs.Path(staging, name);
    fs().mkdirs(written.getParent());
    fs().mkdirs(new org.apache.hadoop.fs.Path(dir));
    try (OutputStream out = fs().create(written, false)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (!fs().rename(written, new org.apache.hadoop.fs.Path(dir, name))) {
      throw new IOException("cannot move " + written + " into " + dir);
    }
  }

  /**
   * What {@code saveAsTextFiles(prefix, "txt")} wrote under {@code prefix} (an HDFS path): batch
   * time to the lines of the batches that were committed ({@code _SUCCESS}), part files in order.
   */
  public SortedMap<Long, List<String>> batches(String prefix) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(prefix);
    String base = p.getName() + "-";
    SortedMap<Long, List<String>> batches = new TreeMap<>();
    try {
      if (!fs().exists(p.getParent())) {
        return batches;
      }
      for (FileStatus dir : fs().listStatus(p.getParent())) {
        String name = dir.getPath().getName();
        if (!dir.isDirectory() || !name.startsWith(base) || !name.endsWith(".txt")
            || !fs().exists(new org.apache.hadoop.fs.Path(dir.getPath(), "_SUCCESS"))) {
          continue;
        }
        List<String> lines = new ArrayList<>();
        List<FileStatus> parts = new ArrayList<>(List.of(fs().listStatus(dir.getPath())));
        parts.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus part : parts) {
          if (part.getPath().getName().startsWith("part-")) {
            try (InputStream in = fs().open(part.getPath())) {
              new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
            }
          }
        }
        batches.put(Long.parseLong(name.substring(base.length(), name.length() - 4)), lines);
      }
    } catch (IOException e) {
      return new TreeMap<>(); // a batch being written right now, or HDFS restarting: look again
    }
    return batches;
  }

  private synchronized void closeFs() {
    if (fs != null) {
      try {
        fs.close();
      } catch (IOException e) {
        // the servers are going away anyway
      }
      fs = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
