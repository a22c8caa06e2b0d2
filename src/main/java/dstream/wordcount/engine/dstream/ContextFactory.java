package dstream.wordcount.engine.dstream;

import dstream.wordcount.cli.Options;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * Creates an empty streaming context. The CLI creates a new SparkContext each time; tests share
 * one SparkContext per class and keep it alive when the streaming context stops.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public interface ContextFactory {
  /** A fresh context with the batch interval of {@code options}. */
  JavaStreamingContext create(Options options);

  /** Whether stopping the streaming context also stops its SparkContext. */
  boolean ownsSparkContext();
}
