package dstream.wordcount.fs;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The Hadoop configuration a job's own file systems get, from its Spark settings. */
public final class HadoopConf {
  /** Conf-file keys with this prefix go, prefix removed, to the Hadoop configuration (Spark's rule). */
  private static final String SPARK_HADOOP = "spark.hadoop.";

  private HadoopConf() {}

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
