package dstream.wordcount.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SparkConf a CLI run gets; building it starts no Spark. */
class SparkConfsTest {
  @TempDir Path tmp;

  @Test
  void optionsAndSparkKeysReachTheSparkConf() throws Exception {
    Path conf = Files.writeString(tmp.resolve("wc.properties"),
        "spark.executor.memory = 2g\nspark.ui.port = 4999\nmaster = local[3]\n");
    SparkConf sc = SparkConfs.sparkConf(Job.parse(new String[] {
        "--conf", conf.toString(), "--pipeline", "grep", "--ui-port", "4050"}, null).options());
    assertEquals("local[3]", sc.get("spark.master"));
    assertEquals("dstream-wordcount demo/grep", sc.get("spark.app.name"));
    assertEquals("2g", sc.get("spark.executor.memory"));
    assertEquals("4050", sc.get("spark.ui.port"), "the command line wins");
    SparkConf fromFile = SparkConfs.sparkConf(
        Job.parse(new String[] {"--conf", conf.toString()}, null).options());
    assertEquals("4999", fromFile.get("spark.ui.port"), "the conf file's key when --ui-port is absent");
    assertEquals("4040", SparkConfs.sparkConf(Job.parse(new String[0], null).options())
        .get("spark.ui.port"));
  }

  @Test
  void flowControlIsOnByDefaultAndTheConfFileOverridesIt() throws Exception {
    SparkConf plain = SparkConfs.sparkConf(Job.parse(new String[0], null).options());
    assertEquals("true", plain.get("spark.streaming.backpressure.enabled"));
    assertEquals("10000", plain.get("spark.streaming.backpressure.initialRate"));
    assertEquals("50000", plain.get("spark.streaming.receiver.maxRate"));
    assertEquals("25000", plain.get("spark.streaming.kafka.maxRatePerPartition"));
    Path conf = Files.writeString(tmp.resolve("flood.properties"),
        "spark.streaming.backpressure.enabled = false\nspark.streaming.receiver.maxRate = 7\n");
    SparkConf own = SparkConfs.sparkConf(
        Job.parse(new String[] {"--conf", conf.toString()}, null).options());
    assertEquals("false", own.get("spark.streaming.backpressure.enabled"));
    assertEquals("7", own.get("spark.streaming.receiver.maxRate"));
    // Without backpressure nothing raises a receiver's starting rate: ours would cap it for good.
    assertFalse(own.contains("spark.streaming.backpressure.initialRate"));
    Path rate = Files.writeString(tmp.resolve("rate.properties"),
        "spark.streaming.backpressure.enabled = false\n"
            + "spark.streaming.backpressure.initialRate = 300\n");
    SparkConf given = SparkConfs.sparkConf(
        Job.parse(new String[] {"--conf", rate.toString()}, null).options());
    assertEquals("300", given.get("spark.streaming.backpressure.initialRate"));
  }
}
