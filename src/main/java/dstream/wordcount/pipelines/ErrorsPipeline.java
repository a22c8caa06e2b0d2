package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.DurationText;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code errors}: a log-monitoring job. Counts the lines containing
 * {@code --match} (default {@code ERROR}, case-sensitive) in a window of 30 s sliding every 10 s
 * (unless {@code --window}/{@code --slide} say otherwise), one number per window. With
 * {@code --alert-above N}, a window counting more than N also yields one line
 * {@code ALERT: 12 lines containing "ERROR" in the 30s window ending 1718000010000 ms (above 10)},
 * printed to stdout after the window's result (even with {@code --no-print}) and logged at WARN.
 *
 * <p>Technique: {@code filter} on lines, then {@code countByWindow}. Run it:
 * {@code bin/run-wordcount --source socket --pipeline errors --alert-above 5}.
 */
public final class ErrorsPipeline extends WindowedPipeline<ErrorsPipeline.Settings> {
  /** The log-monitoring window: 30 s every 10 s unless told otherwise. */
  static final OptionSpec WINDOW = PipelineOptions.WINDOW.withDefault("30s",
      "window length, a multiple of --batch");
  static final OptionSpec SLIDE = PipelineOptions.SLIDE.withDefault("10s",
      "window slide, a multiple of --batch, at most --window");
  public static final OptionSpec ALERT_ABOVE = OptionSpec.number("alert-above", "N",
      "print an ALERT line when a window counts more than N", null).shaping();

  /** The text matched, the window, and the alert threshold (-1 when alerts are off). */
  public record Settings(String match, SlidingWindow windows, long alertAbove)
      implements SlidingWindow.Holder {
    static Settings of(OptionValues v) throws UsageException {
      long alertAbove = v.optionalText(ALERT_ABOVE) != null
          ? v.longValue(ALERT_ABOVE, 0, Long.MAX_VALUE) : -1L;
      return new Settings(PipelineOptions.match(v), SlidingWindow.parse(v, WINDOW, SLIDE), alertAbove);
    }
  }

  public ErrorsPipeline() {
    super("errors", ResultKind.NUMBERS,
        "lines containing --match per window, ALERT above --alert-above (filter, countByWindow)",
        Settings::of, PipelineOptions.MATCH, WINDOW, SLIDE, ALERT_ABOVE,
        PipelineOptions.CHECKPOINT_INTERVAL);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    String match = s.match();
    JavaDStream<Long> perWindow =
        WindowedStreams.countByWindow(lines.filter(line -> line.contains(match)), s.windows());
    PipelineOutput out = PipelineOutput.numbers(perWindow); // cached: the alerts read it too
    long threshold = s.alertAbove();
    if (threshold < 0) {
      return out;
    }
    String window = DurationText.format(s.windows().windowMs());
    return out.withAlerts(out.numbers().transform(
        (counts, time) -> alerts(counts, time, match, window, threshold)));
  }

  static JavaRDD<String> alerts(
      JavaRDD<Long> counts, Time time, String match, String window, long threshold) {
    long end = time.milliseconds();
    return counts.filter(c -> c > threshold).map(c -> alertLine(c, match, window, end, threshold));
  }

  /** The alert for a window ending at {@code endMs} that counted {@code count} matching lines. */
  public static String alertLine(long count, String match, String window, long endMs,
      long threshold) {
    return "ALERT: " + count + " line" + (count == 1 ? "" : "s") + " containing \"" + match
        + "\" in the " + window + " window ending " + endMs + " ms (above " + threshold + ")";
  }
}
