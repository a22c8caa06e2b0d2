package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.run.SparkConfs;
import dstream.wordcount.run.SparkLine;
import dstream.wordcount.run.StandaloneMaster;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

/**
 * The CLI's sessions: a new SparkSession per run, with the SparkConf the DStream engine uses
 * ({@link SparkConfs#sparkConf}: the conf file's {@code spark.*} keys, master, UI port).
 */
public final class SparkSessions implements SessionFactory {
  /** The shared instance. */
  public static final SparkSessions INSTANCE = new SparkSessions();

  private SparkSessions() {}

  @Override
  public SparkSession create(Options o) {
    SparkConf conf = SparkConfs.sparkConf(o);
    StandaloneMaster.requireReachable(conf.get("spark.master", null));
    LoggerFactory.getLogger(SparkSessions.class).info(SparkLine.banner());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  @Override
  public boolean ownsSession() {
    return true;
  }
}
