package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options several pipelines share, declared once so they mean the same everywhere; each
 * pipeline lists the ones it reads in its {@code options()}.
 */
public final class PipelineOptions {
  private PipelineOptions() {}

  public static final OptionSpec TOKENIZER = OptionSpec.text("tokenizer", "T",
      "whitespace (split on whitespace, case kept) or words (lower-case letters/digits)",
      "whitespace").shaping();
  public static final OptionSpec MATCH =
      OptionSpec.text("match", "TEXT", "lines containing TEXT", "ERROR").shaping();
  public static final OptionSpec WINDOW =
      OptionSpec.duration("window", "D", "window length, a multiple of --batch", "10s").shaping();
  public static final OptionSpec SLIDE = OptionSpec.duration("slide", "D",
      "window slide, a multiple of --batch, at most --window", "5s").shaping();
  /** The window of a pipeline that is per batch unless given one ({@code stats}, {@code sql}). */
  public static final OptionSpec OPTIONAL_WINDOW = WINDOW.withDefault(null,
      "a sliding window of this length, a multiple of --batch (default: per batch)");
  /** The slide of {@link #OPTIONAL_WINDOW}. */
  public static final OptionSpec OPTIONAL_SLIDE = SLIDE.withDefault(null,
      "with --window: its slide, a multiple of --batch, at most --window (default: the window)");
  public static final OptionSpec CHECKPOINT_INTERVAL = OptionSpec.duration("checkpoint-interval", "D",
      "how often the state is checkpointed: a multiple of --slide for windowed pipelines, of"
          + " --batch for cumulative and state (default: 5 slides, 5 batches)", null)
      .shaping().unsetAs("default");
  /**
   * Shapes the graph, and is recorded with the file's content hash (see
   * {@link Pipeline#recordedValue}): the recovered graph holds the words, not the file.
   */
  public static final OptionSpec STOPWORDS = OptionSpec.text("stopwords", "FILE",
      "remove the words of FILE (one per line, read with --tokenizer) from the counts", null)
      .shaping();

  /** A settings record of a counting pipeline, which removes {@code --stopwords}. */
  public interface Counting {
    /** The stop words, {@link StopWordList#NONE} without {@code --stopwords}. */
    StopWordList stopWords();
  }

  /** The settings of a pipeline that only tokenizes. */
  public record Words(Tokenizer tokenizer, StopWordList stopWords) implements Counting {
    static Words of(OptionValues v) throws UsageException {
      Tokenizer t = PipelineOptions.tokenizer(v);
      return new Words(t, PipelineOptions.stopWords(v, t));
    }
  }

  /** The settings of a pipeline that counts words over a window. */
  public record WordWindows(Tokenizer tokenizer, StopWordList stopWords, SlidingWindow windows)
      implements SlidingWindow.Holder, Counting {
    static WordWindows of(OptionValues v) throws UsageException {
      Tokenizer t = PipelineOptions.tokenizer(v);
      return new WordWindows(t, PipelineOptions.stopWords(v, t), SlidingWindow.parse(v, WINDOW, SLIDE));
    }

    /** The options {@link #of} reads. */
    static OptionSpec[] options() {
      return new OptionSpec[] {TOKENIZER, STOPWORDS, WINDOW, SLIDE, CHECKPOINT_INTERVAL};
    }
  }

  /** {@link #TOKENIZER}. */
  public static Tokenizer tokenizer(OptionValues v) throws UsageException {
    String name = v.text(TOKENIZER);
    Tokenizer t = Tokenizer.byName(name);
    if (t == null) {
      throw new UsageException("--tokenizer must be whitespace or words (got '" + name + "')");
    }
    return t;
  }

  /** {@link #MATCH}, never empty. */
  public static String match(OptionValues v) throws UsageException {
    String match = v.text(MATCH);
    if (match == null || match.isEmpty()) {
      throw new UsageException("--match must not be empty: give the text lines must contain");
    }
    return match;
  }

  /**
   * {@link #STOPWORDS} read with {@code tokenizer}; {@link StopWordList#NONE} when unset. A file
   * that is missing or unreadable is a usage error before anything starts.
   */
  public static StopWordList stopWords(OptionValues v, Tokenizer tokenizer) throws UsageException {
    String file = v.optionalText(STOPWORDS);
    if (file == null) {
      return StopWordList.NONE;
    }
    Path path = Path.of(file);
    if (!Files.exists(path)) {
      throw new UsageException(STOPWORDS.flagName() + " " + file
          + ": no such file; give a file of stop words, one per line");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new UsageException(STOPWORDS.flagName() + " " + file + ": not a readable file");
    }
    try {
      return StopWordList.read(path, tokenizer);
    } catch (IOException e) {
      throw new UsageException(STOPWORDS.flagName() + " " + file + ": cannot read it ("
          + e.getMessage() + ")");
    }
  }
}
