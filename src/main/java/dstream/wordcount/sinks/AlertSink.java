package dstream.wordcount.sinks;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints each alert line of a batch on stdout and logs it at WARN (logger
 * {@code dstream.wordcount.alerts}), so an alert reaches both the person watching the console and
 * the log file. Attached after the result sinks, so the alert follows the window it is about.
 * Alerts are rare and small: they are collected to the driver.
 */
public final class AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger("dstream.wordcount.alerts");

  private AlertSink() {}

  /** Adds the alert output of {@code alerts}. */
  public static void attach(JavaDStream<String> alerts) {
    alerts.foreachRDD(rdd -> raise(rdd.collect()));
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
