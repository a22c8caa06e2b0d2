package dstream.wordcount.bench;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The reference every speed-up is measured against: the word count exactly as Spark's own
 * {@code JavaNetworkWordCount} example formulates it (split each line on a single space, one
 * {@code Tuple2(word, 1)} per word, {@code reduceByKey}), on a SparkContext configured as that
 * example configures it (Spark's defaults). It lives here, not in {@code pipelines/}, because it
 * is what the project must beat, not something it ships.
 */
final class Baseline {
  private static final Pattern SPACE = Pattern.compile(" ");

  private Baseline() {}

  /** The example's SparkConf: nothing but the master and an app name. */
  static SparkConf conf(String master) {
    return new SparkConf().setMaster(master).setAppName("JavaNetworkWordCount");
  }

  /** The example's transformations. */
  static JavaPairDStream<String, Integer> wordCounts(JavaDStream<String> lines) {
    JavaDStream<String> words = lines.flatMap(x -> Arrays.asList(SPACE.split(x)).iterator());
    return words.mapToPair(s -> new Tuple2<>(s, 1)).reduceByKey((i1, i2) -> i1 + i2);
  }
}
