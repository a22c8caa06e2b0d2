package dstream.wordcount.core;

/**
 * Writes a duration in milliseconds the way the CLI reads it ({@code 500ms}, {@code 2s},
 * {@code 1m}, {@code 2h}), in the largest unit that divides it exactly, so messages, output lines
 * and the checkpoint settings file all show one canonical text for one value.
 */
public final class DurationText {
  private DurationText() {}

  /** {@code 600 -> "600ms"}, {@code 30000 -> "30s"}, {@code 120000 -> "2m"}, {@code 0 -> "0ms"}. */
  public static String format(long ms) {
    if (ms != 0 && ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms != 0 && ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms != 0 && ms % 1_000L == 0) {
      return ms / 1_000L + "s";
    }
    return ms + "ms";
  }
}
