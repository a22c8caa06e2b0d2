package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.run.SparkConfs;
import java.util.Map;

/**
 * A structured source's records per trigger from the DStream engine's per-second rate key
 * ({@code spark.streaming.receiver.maxRate}, {@code spark.streaming.kafka.maxRatePerPartition}),
 * so one conf file bounds a batch alike on both engines. Plain arithmetic, no Spark.
 */
final class RateCeiling {
  private RateCeiling() {}

  /**
   * The conf file's {@code rateKey} (default: {@link SparkConfs#FLOW_CONTROL}'s) times
   * {@code per} (partitions, or 1) times the batch interval in seconds, at least 1; 0 for none.
   *
   * @param sparkConf the conf file's {@code spark.*} keys
   * @param unit what the rate counts, for the usage error
   */
  static long perTrigger(Map<String, String> sparkConf, String rateKey, String unit, long per,
      long batchMs) throws UsageException {
    long rate = wholeNumber(rateKey,
        sparkConf.getOrDefault(rateKey, SparkConfs.FLOW_CONTROL.get(rateKey)), unit);
    if (rate == 0) {
      return 0;
    }
    try {
      return Math.max(1, Math.multiplyExact(Math.multiplyExact(rate, per), batchMs) / 1000);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // a rate that high is no ceiling at all
    }
  }

  /** {@code text}, the value of conf key {@code key}, as a number of at least 0. */
  static long wholeNumber(String key, String text, String unit) throws UsageException {
    try {
      long n = Long.parseLong(text.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("conf key " + key + "=" + text + ": give a whole number of " + unit
        + ", or 0 for no ceiling");
  }
}
