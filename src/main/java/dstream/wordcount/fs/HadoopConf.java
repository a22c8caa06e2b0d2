package dstream.wordcount.fs;

import dstream.wordcount.text.LineLimit;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The Hadoop configuration a job's own file systems get, from its Spark settings. */
public final class HadoopConf {
  /** Conf-file keys with this prefix go, prefix removed, to the Hadoop configuration (Spark's rule). */
  private static final String SPARK_HADOOP = "spark.hadoop.";

  /**
   * Hadoop's line reader (the files source's, on both engines) skips a line when its bytes and
   * terminator reach this many, reading past it without holding it; unset, it holds any line.
   */
  public static final String MAX_LINE_LENGTH = "mapreduce.input.linerecordreader.line.maxlength";
  /** {@link #MAX_LINE_LENGTH} set so that a line of {@link LineLimit} bytes and its LF is kept. */
  public static final String MAX_LINE_LENGTH_VALUE = Integer.toString(LineLimit.MAX_LINE_BYTES + 2);

  private HadoopConf() {}

  /** Bounds Hadoop's line reader in {@code conf} at {@link LineLimit}, unless the conf file did. */
  public static void boundLines(Configuration conf) {
    conf.setIfUnset(MAX_LINE_LENGTH, MAX_LINE_LENGTH_VALUE);
  }

  /** Hadoop's defaults with the job's {@code spark.hadoop.*} settings applied, as Spark does. */
  public static Configuration of(Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    for (Map.Entry<String, String> e : sparkConf.entrySet()) {
      if (e.getKey().startsWith(SPARK_HADOOP)) {
        conf.set(e.getKey().substring(SPARK_HADOOP.length()), e.getValue());
      }
    }
    return conf;
  }
}
