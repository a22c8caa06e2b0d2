package dstream.wordcount.sinks;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.pipelines.PipelineOutput;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every batch with {@code saveAsTextFiles(prefix, "txt")}: one directory
 * {@code PREFIX-<batch time ms>.txt} per batch with Hadoop {@code part-*} files, one record per
 * line. A batch that is recomputed after recovery rewrites its own directory, which makes the
 * at-least-once output idempotent.
 */
public final class TextFileSink {
  private TextFileSink() {}

  /** Creates the parent directory of {@code prefix}, so a bad path fails before Spark starts. */
  public static void validate(String prefix) throws UsageException {
    Path parent = Path.of(prefix).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException | SecurityException e) {
      String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
          ? ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT)
          : e.getClass().getSimpleName();
      throw new UsageException(
          "--" + OptionNames.OUTPUT + " " + prefix + ": cannot create directory " + parent
              + " (" + reason + "); choose a writable location");
    }
    if (!Files.isWritable(parent)) {
      throw new UsageException(
          "--" + OptionNames.OUTPUT + " " + prefix + ": directory " + parent
              + " is not writable; choose a writable location");
    }
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
