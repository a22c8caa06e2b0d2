package dstream.wordcount.outputs;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.HadoopPaths;
import dstream.wordcount.results.ResultKind;

/**
 * Writes every batch with {@code saveAsTextFiles(prefix, "txt")}: one directory
 * {@code PREFIX-<batch time ms>.txt} per batch with Hadoop {@code part-*} files, one record per
 * line. A batch that is recomputed after recovery rewrites its own directory, which makes the
 * at-least-once output idempotent. On with {@code --output PREFIX}.
 */
public final class TextFilesOutput extends Plugin<TextFilesOutput.Settings>
    implements Output<TextFilesOutput.Settings> {
  public static final OptionSpec OUTPUT = OptionSpec.text("output", "PREFIX",
      "also write each batch to directories PREFIX-<batch time ms>.txt "
          + "(a local path or a Hadoop URI such as hdfs://host:port/path)", null).shaping();

  /** The prefix, null when no files are written. */
  public record Settings(String prefix) {}

  public TextFilesOutput() {
    super("files", "each batch's records as text files, one directory per batch (saveAsTextFiles)",
        v -> new Settings(prefix(v)), OUTPUT);
  }

  /** Unset means no files; set but empty used to be dropped in silence, so it is refused. */
  private static String prefix(OptionValues v) throws UsageException {
    String raw = v.raw(OUTPUT);
    if (raw != null && raw.isBlank() && v.given(OUTPUT.name())) {
      throw new UsageException(OUTPUT.flagName()
          + " must not be empty; give a path prefix such as /tmp/wc, or leave the option out");
    }
    return v.optionalText(OUTPUT);
  }

  @Override
  public boolean enabled(Settings s) {
    return s.prefix() != null;
  }

  /**
   * Creates the directory of the prefix on its Hadoop file system (hdfs://, file:// or local), so
   * a bad location fails before Spark starts.
   */
  @Override
  public void validate(Settings s, Options job) throws UsageException {
    HadoopPaths.outputPrefix(OUTPUT.name(), s.prefix(), job.sparkConf());
  }

  /**
   * What {@code saveAsTextFiles(prefix, "txt")} does per batch, on either engine. A directory
   * that already exists is a batch written before a crash and run again: it is replaced, so the
   * replay rewrites it (Spark Streaming skips Hadoop's output check in its own batches;
   * {@code foreachBatch} does not).
   */
  @Override
  public BatchSink sink(ResultKind kind, Settings s, Options job) {
    String prefix = s.prefix();
    return batch -> {
      String dir = prefix + "-" + batch.timeMs() + ".txt";
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
      org.apache.hadoop.fs.FileSystem fs =
          path.getFileSystem(batch.records().context().hadoopConfiguration());
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
      try {
        batch.textLines().saveAsTextFile(dir);
      } catch (Exception e) { // Scala code throws checked IOExceptions undeclared
        // A directory without _SUCCESS is no batch: a reader would take a partial one for whole.
        boolean removed = deleteQuietly(fs, path);
        throw new OutputFailure(OUTPUT.flagName() + " " + prefix + ": cannot write " + dir + " ("
            + OutputFailure.rootCause(e) + ")" + (removed ? "; its partial directory was removed"
            : "; remove its partial directory"), e);
      }
    };
  }

  private static boolean deleteQuietly(org.apache.hadoop.fs.FileSystem fs,
      org.apache.hadoop.fs.Path dir) {
    try {
      return !fs.exists(dir) || fs.delete(dir, true);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
