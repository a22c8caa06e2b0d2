package dstream.wordcount.outputs;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.results.ResultKind;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints each alert line of a batch on stdout and logs it at WARN (logger
 * {@code dstream.wordcount.alerts}), so an alert reaches both the person watching the console and
 * the log file. Attached after the result outputs, so the alert follows the window it is about, and
 * whenever the pipeline raises alerts (even with {@code --no-print}). Alerts are rare and small:
 * they are collected to the driver. It has no options of its own.
 */
public final class AlertsOutput extends Plugin<AlertsOutput.Settings>
    implements Output<AlertsOutput.Settings> {
  private static final Logger LOG = LoggerFactory.getLogger("dstream.wordcount.alerts");

  /** Nothing to set. */
  public record Settings() {}

  public AlertsOutput() {
    super("alerts", "the pipeline's ALERT lines (errors --alert-above) on stdout and in the log at WARN",
        v -> new Settings());
  }

  @Override
  public boolean enabled(Settings s) {
    return true;
  }

  @Override
  public BatchSink sink(ResultKind kind, Settings s, Options job) {
    return batch -> raise(batch.alerts());
  }

  /** Alerts are a by-product: the result still needs an output of its own. */
  @Override
  public boolean consumesResult() {
    return false;
  }

  private static void raise(List<String> alerts) {
    PrintStream out = System.out;
    for (String alert : alerts) {
      out.println(alert);
      LOG.warn(alert);
    }
    out.flush();
  }
}
