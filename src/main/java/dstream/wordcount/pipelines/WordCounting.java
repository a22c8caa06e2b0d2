package dstream.wordcount.pipelines;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.core.WordTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
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
   * Counts words per batch. Each partition first counts into a local {@link WordTable}, so one tuple per
   * distinct word, not per word, enters the shuffle. That table already did the map-side combining,
   * so the shuffle is told not to do it again ({@code combineByKey} with {@code mapSideCombine}
   * false, where {@code reduceByKey} would): Spark then writes the tuples straight to their
   * partitions instead of hashing and sorting them once more, which took a third off the CPU time
   * of a million-word batch (see README, Performance). Same partitioning as {@code reduceByKey}:
   * one partition per default-parallelism slot.
   */
  public static JavaPairDStream<String, Long> countWords(JavaDStream<String> words) {
    Partitioner partitioner = new HashPartitioner(words.context().sparkContext().defaultParallelism());
    return words.mapPartitionsToPair(WordCounting::countPartition)
        .combineByKey(WordCounting::first, Long::sum, Long::sum, partitioner, false);
  }

  /**
   * The words of {@code lines} by {@code tokenizer}, counted per batch: {@link #countWords} with
   * tokenizing fused into the counting, so each partition goes from lines to its local counts in
   * one pass, without a word list per line and an iterator per word.
   */
  public static JavaPairDStream<String, Long> countLines(JavaDStream<String> lines, Tokenizer tokenizer) {
    Partitioner partitioner = new HashPartitioner(lines.context().sparkContext().defaultParallelism());
    return lines.mapPartitionsToPair(part -> countLinesPartition(part, tokenizer))
        .combineByKey(WordCounting::first, Long::sum, Long::sum, partitioner, false);
  }

  private static Long first(Long count) {
    return count;
  }

  static Iterator<Tuple2<String, Long>> countPartition(Iterator<String> words) {
    WordTable local = new WordTable();
    while (words.hasNext()) {
      local.add(words.next(), 1);
    }
    return tuples(local);
  }

  /**
   * One {@link WordTable} per partition: each line is tokenized and counted in one pass, with a
   * {@code String} allocated per distinct word of the partition rather than per word.
   */
  static Iterator<Tuple2<String, Long>> countLinesPartition(Iterator<String> lines, Tokenizer tokenizer) {
    WordTable local = new WordTable();
    while (lines.hasNext()) {
      local.addWords(lines.next(), tokenizer);
    }
    return tuples(local);
  }

  private static Iterator<Tuple2<String, Long>> tuples(WordTable local) {
    List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
    local.forEach((word, count) -> out.add(new Tuple2<>(word, count)));
    return out.iterator();
  }
}
