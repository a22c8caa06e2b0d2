package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.HadoopConf;
import dstream.wordcount.fs.HadoopPaths;
import dstream.wordcount.fs.WatchedDirectory;
import dstream.wordcount.live.RunState;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The lines of new files in a directory, {@code --source files --dir DIR}, read by Spark's
 * {@code textFileStream}: each batch lists DIR and reads the files that appeared since the last
 * batch, once. No receiver, so no core is held.
 *
 * <p>What Spark needs from the files: they appear complete (write elsewhere on the same file
 * system, then {@code mv} them in: a rename is atomic, a copy is not); their modification time
 * is recent (within {@code spark.streaming.fileStream.minRememberDuration}, 60 s by default, and
 * after the job started), and {@code mv} keeps the time the file was written; names starting with
 * {@code .} are ignored, so a half-written {@code .name} inside DIR is safe too.
 * Files already there when the job starts are not read. With {@code --checkpoint}, a restarted
 * job reads the files that arrived while it was down, and never a file twice. A file that
 * changes after it was listed (written in place) gets one WARN naming the fix, an empty file one
 * INFO (Spark's own ERROR for it is filtered out in {@code conf/log4j2.properties}).
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class FilesSource extends Plugin<FilesSource.Settings>
    implements Source<FilesSource.Settings> {
  public static final OptionSpec DIR = OptionSpec.text("dir", "DIR",
      "directory watched for new files, local or hdfs://... (write elsewhere, then mv in)", null)
      .shaping();

  /** The watched directory, null when not given. */
  public record Settings(String dir) {}

  public FilesSource() {
    super("files", "new files moved into --dir DIR (textFileStream)",
        v -> new Settings(v.optionalText(DIR)), DIR);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    String dir = s.dir();
    if (dir == null) {
      throw new UsageException(
          "--source files needs --" + DIR.name() + " DIR: the directory to watch for new files");
    }
    // Any Hadoop file system: hdfs://, file:// or a local path, checked as Spark will list it.
    HadoopPaths.existingDirectory(DIR.name(), dir, "the directory new files are moved into",
        job.sparkConf());
  }

  @Override
  public OpenedSource open(Settings s, Options job, RunState run)
      throws UsageException, IOException {
    validate(s, job);
    watch(s, job, run);
    return new Watched(s.dir());
  }

  /**
   * Starts the driver's watch on DIR for this run, on either engine: one WARN for a file written
   * in place, one INFO for an empty one, one WARN for a line longer than the limit, which Hadoop's
   * line reader skips ({@link WatchedDirectory}).
   */
  public static void watch(Settings s, Options job, RunState run) throws IOException {
    run.closeAtEnd(WatchedDirectory.start(s.dir(), job.sparkConf(), job.batchMs()));
  }

  /** The watched directory. */
  static final class Watched implements OpenedSource {
    private final String dir;

    Watched(String dir) {
      this.dir = dir;
    }

    @Override
    public JavaDStream<String> createStream(JavaStreamingContext ssc) {
      HadoopConf.boundLines(ssc.sparkContext().hadoopConfiguration());
      // Hadoop's reader skips a long line within a split, but where one crosses the split's end
      // it returns its first bytes, cut at the bound: dropped here.
      return ssc.textFileStream(dir).filter(LineLimit::within);
    }

    @Override
    public String banner() {
      return "files source: counting new files moved into " + dir
          + " (write each file elsewhere, then mv it in)";
    }
  }
}
