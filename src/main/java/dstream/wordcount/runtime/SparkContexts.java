package dstream.wordcount.runtime;

import dstream.wordcount.cli.Options;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** The CLI's contexts: a new SparkContext per run, configured from the options. */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class SparkContexts implements ContextFactory {
  /** The shared instance. */
  public static final SparkContexts INSTANCE = new SparkContexts();

  private SparkContexts() {}

  /**
   * Flow control, on by default (issue 16): without it a receiver or Kafka stream takes in
   * whatever arrives (~700k lines/s from {@code bin/word-server --interval 0}), the batches cannot
   * keep up and the scheduling delay grows without bound. Spark's backpressure adapts each
   * stream's rate to what the batches process (a PID controller on the batch times); the starting
   * rate and the ceilings bound it before and while it learns. Measured values and why:
   * docs/load.md. A {@code spark.*} key in the conf file overrides any of them.
   */
  public static final Map<String, String> FLOW_CONTROL = flowControl();
  private static final String BACKPRESSURE = "spark.streaming.backpressure.enabled";
  private static final String INITIAL_RATE = "spark.streaming.backpressure.initialRate";

  private static Map<String, String> flowControl() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(BACKPRESSURE, "true");
    // Lines per second per receiver (Kafka: per partition) of the first batches, before the
    // controller has a processed batch to learn from.
    m.put(INITIAL_RATE, "10000");
    // Ceilings the controller never exceeds: records per second per receiver / Kafka partition.
    m.put("spark.streaming.receiver.maxRate", "50000");
    m.put("spark.streaming.kafka.maxRatePerPartition", "25000");
    return java.util.Collections.unmodifiableMap(m);
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
        .set("spark.streaming.driver.writeAheadLog.allowBatching", "false");
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

  @Override
  public JavaStreamingContext create(Options o) {
    SparkConf conf = sparkConf(o);
    StandaloneMaster.requireReachable(conf.get("spark.master", null));
    org.slf4j.LoggerFactory.getLogger(SparkContexts.class).info(SparkLine.banner());
    return new JavaStreamingContext(conf, Durations.milliseconds(o.batchMs()));
  }

  @Override
  public boolean ownsSparkContext() {
    return true;
  }
}
