package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession of a structured run. The CLI creates a new one per run; tests share
 * one SparkContext per class and give each run a new session on it.
 */
public interface SessionFactory {
  /** A session for a run with {@code options}. */
  SparkSession create(Options options);

  /** Whether the run stops the session (and its SparkContext) at its end. */
  boolean ownsSession();
}
