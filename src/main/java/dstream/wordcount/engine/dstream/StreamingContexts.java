package dstream.wordcount.engine.dstream;

import dstream.wordcount.cli.Options;
import dstream.wordcount.run.SparkConfs;
import dstream.wordcount.run.SparkLine;
import dstream.wordcount.run.StandaloneMaster;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.LoggerFactory;

/** The CLI's streaming contexts: a new SparkContext per run, configured from the options. */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class StreamingContexts implements ContextFactory {
  /** The shared instance. */
  public static final StreamingContexts INSTANCE = new StreamingContexts();

  private StreamingContexts() {}

  @Override
  public JavaStreamingContext create(Options o) {
    SparkConf conf = SparkConfs.sparkConf(o);
    StandaloneMaster.requireReachable(conf.get("spark.master", null));
    LoggerFactory.getLogger(StreamingContexts.class).info(SparkLine.banner());
    return new JavaStreamingContext(conf, Durations.milliseconds(o.batchMs()));
  }

  @Override
  public boolean ownsSparkContext() {
    return true;
  }
}
