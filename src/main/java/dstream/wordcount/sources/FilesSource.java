package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.HadoopPaths;
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
 * job reads the files that arrived while it was down, and never a file twice.
 */
public final class FilesSource implements Source {
  @Override
  public String name() {
    return "files";
  }

  @Override
  public String description() {
    return "new files moved into --dir DIR (textFileStream)";
  }

  @Override
  public boolean usesReceiver() {
    return false;
  }

  @Override
  public void validate(Options o) throws UsageException {
    String dir = o.dir();
    if (dir == null) {
      throw new UsageException(
          "--source files needs --" + OptionNames.DIR + " DIR: the directory to watch for new files");
    }
    // Any Hadoop file system: hdfs://, file:// or a local path, checked as Spark will list it.
    HadoopPaths.existingDirectory(OptionNames.DIR, dir, "the directory new files are moved into");
  }

  @Override
  public OpenSource open(Options o) throws UsageException {
    validate(o);
    return new Watched(o.dir());
  }

  /** The watched directory. */
  static final class Watched implements OpenSource {
    private final String dir;

    Watched(String dir) {
      this.dir = dir;
    }

    @Override
    public JavaDStream<String> createStream(JavaStreamingContext ssc) {
      return ssc.textFileStream(dir);
    }

    @Override
    public String banner() {
      return "files source: counting new files moved into " + dir
          + " (write each file elsewhere, then mv it in)";
    }
  }
}
