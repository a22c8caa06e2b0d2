package dstream.wordcount.cli;

import org.apache.spark.network.util.JavaUtils;

/**
 * Durations as options are written ({@code 500ms}, {@code 2s}, {@code 1m}), read by Spark's own
 * {@code JavaUtils.timeStringAsMs} (a plain static helper, no Spark runtime); a bare number is
 * refused, since Spark would read {@code 2} as 2 ms.
 */
public final class Durations {
  private Durations() {}

  /**
   * Parses a duration such as {@code 500ms}, {@code 2s} or {@code 1m} into milliseconds.
   *
   * @throws UsageException naming {@code option} when the text is not a positive duration
   */
  public static long parse(String option, String text) throws UsageException {
    return parseFlagged("--" + option, text);
  }

  /** {@link #parse}, the option named as {@code flag} ({@code --x} or {@code conf key x}). */
  static long parseFlagged(String flag, String text) throws UsageException {
    String t = text.trim();
    if (t.matches("-?\\d+")) {
      throw new UsageException(flag + " needs a unit, e.g. " + t + "s or " + t + "ms");
    }
    long ms;
    try {
      ms = JavaUtils.timeStringAsMs(t);
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag + ": '" + text + "' is not a duration; write e.g. 500ms, 2s or 1m");
    }
    if (ms <= 0) {
      throw new UsageException(flag + " must be positive (got '" + text + "')");
    }
    return ms;
  }
}
