package dstream.wordcount.runtime;

import dstream.wordcount.cli.Options;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** The CLI's contexts: a new SparkContext per run, configured from the options. */
public final class SparkContexts implements ContextFactory {
  /** The shared instance. */
  public static final SparkContexts INSTANCE = new SparkContexts();

  private SparkContexts() {}

  /** The SparkConf of a run: master, app name, UI port, then every {@code spark.*} conf key. */
  public static SparkConf sparkConf(Options o) {
    SparkConf conf = new SparkConf()
        .setMaster(o.master())
        .setAppName("dstream-wordcount " + o.source() + "/" + o.pipeline())
        .set("spark.ui.port", Integer.toString(o.uiPort()))
        // Ctrl-C and SIGTERM finish the running batch instead of cutting it off.
        .set("spark.streaming.stopGracefullyOnShutdown", "true");
    for (Map.Entry<String, String> e : o.sparkConf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return conf;
  }

  @Override
  public JavaStreamingContext create(Options o) {
    SparkConf conf = sparkConf(o);
    StandaloneMaster.requireReachable(conf.get("spark.master", null));
    return new JavaStreamingContext(conf, Durations.milliseconds(o.batchMs()));
  }

  @Override
  public boolean ownsSparkContext() {
    return true;
  }
}
