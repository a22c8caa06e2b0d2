package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.Tokenizer;

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
  public static final OptionSpec CHECKPOINT_INTERVAL = OptionSpec.duration("checkpoint-interval", "D",
      "how often the state is checkpointed: a multiple of --slide for windowed pipelines, of"
          + " --batch for cumulative and state (default: 5 slides, 5 batches)", null)
      .shaping().unsetAs("default");

  /** The settings of a pipeline that only tokenizes. */
  public record Words(Tokenizer tokenizer) {
    static Words of(OptionValues v) throws UsageException {
      return new Words(PipelineOptions.tokenizer(v));
    }
  }

  /** The settings of a pipeline that counts words over a window. */
  public record WordWindows(Tokenizer tokenizer, WindowSettings windows)
      implements WindowedPipeline.Windowed {
    static WordWindows of(OptionValues v) throws UsageException {
      return new WordWindows(PipelineOptions.tokenizer(v), WindowSettings.parse(v, WINDOW, SLIDE));
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
}
