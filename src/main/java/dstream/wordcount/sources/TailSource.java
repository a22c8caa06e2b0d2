package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.FileFollower;
import dstream.wordcount.core.FilePosition;
import dstream.wordcount.live.RunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * {@code tail}: the lines appended to a local file, followed like {@code tail -F} by a custom
 * receiver ({@link TailReceiver}): a partial last line waits for its newline, a rotated
 * (renamed and re-created) or truncated file is followed, a file that does not exist yet is
 * waited for. It starts at the end of the file unless {@code --from-start}. The natural source of
 * the {@code errors} pipeline on a server's log:
 * {@code bin/run-wordcount --source tail --file /var/log/app.log --pipeline errors}.
 *
 * <p>Technique: a custom receiver, {@code ssc.receiverStream(new TailReceiver(...))}, storing
 * whole blocks reliably (see {@link TailReceiver}). With {@code --checkpoint DIR} (local) and
 * {@code spark.streaming.receiver.writeAheadLog.enable=true}, lines received before a driver
 * crash are replayed from the write-ahead log, and the receiver's position in
 * {@code DIR/}{@value #POSITION_FILE} makes the restarted receiver go on where the last one
 * stopped, so lines appended while the driver was down are read too. Without the write-ahead
 * log, blocks received but not yet processed when the driver dies are lost with its memory.
 *
 * <p>On {@code --engine structured} the twin is {@code engine/structured/TailStream}: no receiver,
 * the driver follows the file with the same {@link FileFollower}, and its offsets are follower
 * positions in the query's checkpoint, so it recovers without a write-ahead log.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class TailSource extends Plugin<TailSource.Settings>
    implements Source<TailSource.Settings> {
  public static final OptionSpec FILE = OptionSpec.text("file", "PATH",
      "the local file to follow like tail -F (it may not exist yet)", null).shaping();
  public static final OptionSpec FROM_START = OptionSpec.flag("from-start",
      "read the file's existing lines first, not only what is appended").shaping();
  /** The receiver's position inside a local checkpoint directory. */
  public static final String POSITION_FILE = "tail-position.txt";

  /** The file (null when not given) and where a first start begins. */
  public record Settings(String file, boolean fromStart) {}

  public TailSource() {
    super("tail", "lines appended to a local --file PATH, like tail -F (a custom receiver)",
        v -> new Settings(v.optionalText(FILE), v.flag(FROM_START)), FILE, FROM_START);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    if (s.file() == null) {
      throw new UsageException("--source tail needs --" + FILE.name()
          + " PATH: the local file to follow, e.g. /var/log/syslog");
    }
    Path p = localPath(s.file());
    if (Files.isDirectory(p)) {
      throw new UsageException("--" + FILE.name() + " " + s.file() + " is a directory; give a file");
    }
    Path parent = p.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageException("--" + FILE.name() + " " + s.file() + ": no such directory "
          + parent + " (a file that does not exist yet is waited for, its directory must exist)");
    }
    if (Files.exists(p) && !Files.isReadable(p)) {
      throw new UsageException("--" + FILE.name() + " " + s.file() + ": not readable");
    }
    ReceiverSources.requireSpareCore(name(), job);
  }

  /** {@code PATH} or {@code file:PATH} as a local path; any other URI scheme is refused. */
  public static Path localPath(String file) throws UsageException {
    int colon = file.indexOf(':');
    int slash = file.indexOf('/');
    if (colon > 1 && (slash < 0 || colon < slash)) {
      URI uri;
      try {
        uri = new URI(file);
      } catch (URISyntaxException e) {
        throw new UsageException("--" + FILE.name() + " " + file + " is not a path: " + e.getReason());
      }
      if (!"file".equals(uri.getScheme()) || uri.getPath() == null) {
        throw new UsageException("--" + FILE.name() + " " + file + ": the tail source follows a "
            + "local file only (a receiver reads it where it runs); use --source files for a "
            + "directory on " + uri.getScheme() + "://");
      }
      return Path.of(uri.getPath()).toAbsolutePath().normalize();
    }
    return Path.of(file).toAbsolutePath().normalize();
  }

  @Override
  public OpenedSource open(Settings s, Options job, RunState run) throws UsageException {
    validate(s, job);
    Path file = localPath(s.file());
    String positionFile = null;
    if (job.checkpoint() != null) {
      Path dir = localCheckpoint(job.checkpoint());
      positionFile = dir == null ? null : dir.resolve(POSITION_FILE).toString();
    }
    return new Tailed(file.toString(), s.fromStart(), positionFile,
        ReceiverSources.storageLevel(job.master()));
  }

  /** The first words of the banner, the same on both engines. */
  public static String banner(String file, boolean fromStart) {
    return "tail source: following " + file + (fromStart ? " from its start" : " from its end");
  }

  /** The checkpoint directory as a local path, or null when it is on another file system. */
  private static Path localCheckpoint(String dir) {
    try {
      return localPath(dir);
    } catch (UsageException e) {
      return null;
    }
  }

  /** The open tail source: the receiver stream over the file. */
  static final class Tailed implements OpenedSource {
    private final String file;
    private final boolean fromStart;
    private final String positionFile;
    private final StorageLevel level;

    Tailed(String file, boolean fromStart, String positionFile, StorageLevel level) {
      this.file = file;
      this.fromStart = fromStart;
      this.positionFile = positionFile;
      this.level = level;
    }

    @Override
    public JavaDStream<String> createStream(JavaStreamingContext ssc) {
      // "The end" is the end now, when the job starts, not when the receiver runs seconds later:
      // lines appended in between are new. A file that appears later is new from its first line.
      FilePosition end = null;
      if (!fromStart) {
        try {
          end = FileFollower.endOf(Path.of(file));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
      }
      return ssc.receiverStream(
          new TailReceiver(file, fromStart || end == null, positionFile, level, end));
    }

    @Override
    public String banner() {
      return TailSource.banner(file, fromStart)
          + (positionFile == null ? "" : "; position kept in " + positionFile);
    }
  }
}
