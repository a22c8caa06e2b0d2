package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.DurationText;
import dstream.wordcount.pipelines.ErrorsPipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code errors} on the structured engine: the lines containing {@code --match} per time window,
 * as the sum of 1 for a matching line and 0 for another ({@code window()} +
 * {@code groupBy(window).agg(sum)}), so that a window without a match reads 0; with
 * {@code --alert-above N}, the DStream twin's {@code ALERT} line for a window counting more.
 * Twin of {@link ErrorsPipeline}.
 */
final class ErrorsQuery implements StructuredPipeline<ErrorsPipeline.Settings> {
  @Override
  public Query plan(StreamLines lines, ErrorsPipeline.Settings s, Options job) {
    String match = s.match();
    return Query.windowed(
        TimeWindows.sums(lines, line -> line.contains(match) ? 1 : 0, s.windows()),
        TimeWindows::number, alerts(s));
  }

  private static Query.Alerts alerts(ErrorsPipeline.Settings s) {
    long threshold = s.alertAbove();
    if (threshold < 0) {
      return Query.Alerts.NONE;
    }
    String window = DurationText.format(s.windows().windowMs());
    return (records, endMs) -> {
      List<String> alerts = new ArrayList<>();
      for (Object count : records.collect()) {
        long c = (Long) count;
        if (c > threshold) {
          alerts.add(ErrorsPipeline.alertLine(c, s.match(), window, endMs, threshold));
        }
      }
      return alerts;
    };
  }
}
