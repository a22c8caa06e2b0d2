package dstream.wordcount.sinks;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.HadoopPaths;
import dstream.wordcount.pipelines.PipelineOutput;

/**
 * Writes every batch with {@code saveAsTextFiles(prefix, "txt")}: one directory
 * {@code PREFIX-<batch time ms>.txt} per batch with Hadoop {@code part-*} files, one record per
 * line. A batch that is recomputed after recovery rewrites its own directory, which makes the
 * at-least-once output idempotent.
 */
public final class TextFileSink {
  private TextFileSink() {}

  /**
   * Creates the directory of {@code prefix} on its Hadoop file system (hdfs://, file:// or local),
   * so a bad location fails before Spark starts.
   */
  public static void validate(String prefix) throws UsageException {
    HadoopPaths.outputPrefix(OptionNames.OUTPUT, prefix);
  }

  /** Adds the file output to {@code out}. */
  public static void attach(PipelineOutput out, String prefix) {
    if (out.isCounts()) {
      out.counts().dstream().saveAsTextFiles(prefix, "txt");
    } else {
      out.lines().dstream().saveAsTextFiles(prefix, "txt");
    }
  }
}
