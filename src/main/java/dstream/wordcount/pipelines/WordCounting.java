package dstream.wordcount.pipelines;

import dstream.wordcount.core.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The one tokenizing and counting step every pipeline reuses, so all pipelines agree on what a word
 * is and how it is counted.
 */
public final class WordCounting {
  private WordCounting() {}

  /** The words of each line, by {@code tokenizer}. */
  public static JavaDStream<String> words(JavaDStream<String> lines, Tokenizer tokenizer) {
    return lines.flatMap(line -> tokenizer.tokenize(line).iterator());
  }

  /**
   * Counts words per batch. Each partition first counts into a local hash map, so one tuple per
   * distinct word, not per word, enters the shuffle of {@code reduceByKey}.
   */
  public static JavaPairDStream<String, Long> countWords(JavaDStream<String> words) {
    return words.mapPartitionsToPair(WordCounting::countPartition).reduceByKey(Long::sum);
  }

  static Iterator<Tuple2<String, Long>> countPartition(Iterator<String> words) {
    Map<String, long[]> local = new HashMap<>();
    while (words.hasNext()) {
      local.computeIfAbsent(words.next(), w -> new long[1])[0]++;
    }
    List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
    for (Map.Entry<String, long[]> e : local.entrySet()) {
      out.add(new Tuple2<>(e.getKey(), e.getValue()[0]));
    }
    return out.iterator();
  }
}
