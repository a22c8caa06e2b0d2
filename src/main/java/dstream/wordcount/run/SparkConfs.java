package dstream.wordcount.run;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.HadoopConf;
import dstream.wordcount.fs.LocalFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The SparkConf of a run, on either engine: the project's defaults (flow control, local files),
 * the conf file's {@code spark.*} keys, master and app name; and the checks of its flow-control
 * keys.
 */
public final class SparkConfs {
  private SparkConfs() {}

  /**
   * Flow control, on by default: without it a receiver or Kafka stream takes in
   * whatever arrives (~700k lines/s from {@code bin/word-server --interval 0}), the batches cannot
   * keep up and the scheduling delay grows without bound. Spark's backpressure adapts each
   * stream's rate to what the batches process (a PID controller on the batch times); the starting
   * rate and the ceilings bound it before and while it learns. Measured values and why:
   * docs/load.md. A {@code spark.*} key in the conf file overrides any of them.
   */
  public static final Map<String, String> FLOW_CONTROL = flowControl();
  private static final String BACKPRESSURE = "spark.streaming.backpressure.enabled";
  private static final String INITIAL_RATE = "spark.streaming.backpressure.initialRate";
  private static final String RECEIVER_MAX_RATE = "spark.streaming.receiver.maxRate";
  /** The Kafka direct stream's ceiling, records per second per partition (0: none, as in Spark). */
  public static final String KAFKA_MAX_RATE = "spark.streaming.kafka.maxRatePerPartition";
  /**
   * The structured engine's Kafka ceiling per trigger, overriding the one derived from
   * {@link #KAFKA_MAX_RATE} (0: none); read by {@code engine.structured.KafkaStream}.
   */
  public static final String MAX_OFFSETS_PER_TRIGGER = "spark.wordcount.kafka.maxOffsetsPerTrigger";
  private static final String PID = "spark.streaming.backpressure.pid.";
  /** What {@link #KAFKA_MAX_RATE} takes, for its refusal. */
  public static final String PER_PARTITION =
      "a whole number of records per second and partition, or 0 for no ceiling";
  /** What {@link #MAX_OFFSETS_PER_TRIGGER} takes, for its refusal. */
  public static final String PER_TRIGGER = "a whole number of records per trigger, or 0 for no ceiling";

  private static Map<String, String> flowControl() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(BACKPRESSURE, "true");
    // Lines per second per receiver (Kafka: per partition) of the first batches, before the
    // controller has a processed batch to learn from.
    m.put(INITIAL_RATE, "10000");
    // Ceilings the controller never exceeds: records per second per receiver / Kafka partition.
    m.put(RECEIVER_MAX_RATE, "50000");
    m.put(KAFKA_MAX_RATE, "25000");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Refuses a flow-control key of the conf file that would make the job count nothing or fail
   * inside Spark, in one line naming the key, before anything starts (both engines parse through
   * here). Spark does not check them itself: a receiver rate of -5 or 0 makes every receiver fail
   * to start its rate limiter (logged as a network error of the source) and every batch is empty;
   * a non-number fails deep inside the receiver or the Kafka stream; {@code yes} for a switch is
   * read as false. Kafka's rates keep Spark's meaning of 0, no ceiling.
   *
   * @param sparkConf the conf file's {@code spark.*} keys
   */
  public static void checkFlowControl(Map<String, String> sparkConf) throws UsageException {
    String switchValue = sparkConf.get(BACKPRESSURE);
    if (switchValue != null && !switchValue.equals("true") && !switchValue.equals("false")) {
      throw new UsageException("conf key " + BACKPRESSURE + "=" + switchValue
          + ": write true or false");
    }
    for (String key : new String[] {INITIAL_RATE, RECEIVER_MAX_RATE}) {
      if (sparkConf.containsKey(key)) {
        rate(key, sparkConf.get(key), 1, "a whole number of records per second, at least 1");
      }
    }
    if (sparkConf.containsKey(KAFKA_MAX_RATE)) {
      rate(KAFKA_MAX_RATE, sparkConf.get(KAFKA_MAX_RATE), 0, PER_PARTITION);
    }
    if (sparkConf.containsKey(MAX_OFFSETS_PER_TRIGGER)) {
      rate(MAX_OFFSETS_PER_TRIGGER, sparkConf.get(MAX_OFFSETS_PER_TRIGGER), 0, PER_TRIGGER);
    }
    // The PID controller's settings: Spark requires these ranges, but only when the first
    // receiver or Kafka stream starts, with a stack trace.
    for (String gain : new String[] {"proportional", "integral", "derived", "minRate"}) {
      String text = sparkConf.get(PID + gain);
      if (text == null) {
        continue;
      }
      boolean floor = gain.equals("minRate");
      double d;
      try {
        d = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        d = Double.NaN;
      }
      if (!(floor ? d > 0 : d >= 0) || Double.isInfinite(d)) {
        throw new UsageException("conf key " + PID + gain + "=" + text + ": give a number"
            + (floor ? " above 0 (records per second)" : ", 0 or more"));
      }
    }
  }

  /**
   * The whole number {@code text} of conf key {@code key}, at least {@code min}; else a usage
   * error asking for {@code what}.
   */
  public static long rate(String key, String text, long min, String what) throws UsageException {
    try {
      long n = Long.parseLong(text.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("conf key " + key + "=" + text + ": give " + what);
  }

  /**
   * The SparkConf of a run: the project's defaults ({@link #FLOW_CONTROL}), every {@code spark.*}
   * conf key over them, then master and app name; the UI port comes from {@code --ui-port} when
   * that is given, else from a {@code spark.ui.port} key.
   */
  public static SparkConf sparkConf(Options o) {
    SparkConf conf = new SparkConf()
        // With a checkpoint, the driver logs block allocations to a write-ahead log that a
        // graceful stop closes before the last received blocks are allocated; the batching log
        // then refuses them, and the stop waits 10 batches and drops them. The plain log reopens.
        .set("spark.streaming.driver.writeAheadLog.allowBatching", "false")
        // In the conf, not only set when the files source opens: a context recovered from a
        // checkpoint never opens it again.
        .set("spark.hadoop." + HadoopConf.MAX_LINE_LENGTH, HadoopConf.MAX_LINE_LENGTH_VALUE);
    LocalFiles.sparkSettings().forEach(conf::set);
    FLOW_CONTROL.forEach(conf::set);
    for (Map.Entry<String, String> e : o.sparkConf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    // Spark's receiver rate limiter starts at initialRate whether backpressure is on or not, and
    // only backpressure ever raises it: with backpressure turned off in the conf file, our
    // starting rate would cap the receivers for good. Only a rate the user set stays then.
    if (!conf.getBoolean(BACKPRESSURE, false) && !o.sparkConf().containsKey(INITIAL_RATE)) {
      conf.remove(INITIAL_RATE);
    }
    conf.setMaster(o.master()).setAppName("dstream-wordcount " + o.source() + "/" + o.pipeline());
    if (o.isGiven(Options.UI_PORT.name()) || !conf.contains("spark.ui.port")) {
      conf.set("spark.ui.port", Integer.toString(o.uiPort()));
    }
    return conf;
  }
}
