package dstream.wordcount.outputs;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.pipelines.PipelineOutput;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes every batch with {@code saveAsTextFiles(prefix, "txt")}: one directory
 * {@code PREFIX-<batch time ms>.txt} per batch with Hadoop {@code part-*} files, one record per
 * line. A batch that is recomputed after recovery rewrites its own directory, which makes the
 * at-least-once output idempotent. On with {@code --output PREFIX}.
 */
public final class TextFilesOutput extends Plugin<TextFilesOutput.Settings>
    implements Output<TextFilesOutput.Settings> {
  public static final OptionSpec OUTPUT = OptionSpec.text("output", "PREFIX",
      "also write each batch to directories PREFIX-<batch time ms>.txt", null).shaping();

  /** A URI with a scheme: written through that Hadoop file system, not checked on the local disk. */
  private static final Pattern HADOOP_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

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

  /** Creates the parent directory of the prefix, so a bad path fails before Spark starts. */
  @Override
  public void validate(Settings s, Options job) throws UsageException {
    String prefix = s.prefix();
    if (HADOOP_URI.matcher(prefix).matches() && !prefix.startsWith("file:")) {
      return; // another Hadoop file system (hdfs://...): Hadoop itself creates the directories
    }
    Path parent = Path.of(prefix).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException | SecurityException e) {
      String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
          ? ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT)
          : e.getClass().getSimpleName();
      throw new UsageException(OUTPUT.flagName() + " " + prefix + ": cannot create directory "
          + parent + " (" + reason + "); choose a writable location");
    }
    if (!Files.isWritable(parent)) {
      throw new UsageException(OUTPUT.flagName() + " " + prefix + ": directory " + parent
          + " is not writable; choose a writable location");
    }
  }

  @Override
  public boolean attach(PipelineOutput out, Settings s, Options job) {
    if (out.isCounts()) {
      out.counts().dstream().saveAsTextFiles(s.prefix(), "txt");
    } else {
      out.lines().dstream().saveAsTextFiles(s.prefix(), "txt");
    }
    return true;
  }
}
