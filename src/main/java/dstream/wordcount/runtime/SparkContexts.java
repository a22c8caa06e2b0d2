package dstream.wordcount.runtime;

import dstream.wordcount.cli.Options;
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
   * The SparkConf of a run: every {@code spark.*} conf key, then master and app name; the UI port
   * comes from {@code --ui-port} when that is given, else from a {@code spark.ui.port} key.
   */
  public static SparkConf sparkConf(Options o) {
    SparkConf conf = new SparkConf()
        // With a checkpoint, the driver logs block allocations to a write-ahead log that a
        // graceful stop closes before the last received blocks are allocated; the batching log
        // then refuses them, and the stop waits 10 batches and drops them. The plain log reopens.
        .set("spark.streaming.driver.writeAheadLog.allowBatching", "false");
    for (Map.Entry<String, String> e : o.sparkConf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
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
