package dstream.wordcount.pipelines;

import dstream.wordcount.core.CountSlices;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.core.WordTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
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
   * The words of {@code lines} by {@code tokenizer}, counted per batch, with what
   * {@code flatMap}, {@code mapToPair} and {@code reduceByKey} compute, partitioned as
   * {@code reduceByKey} leaves it ({@code HashPartitioner}, one partition per
   * default-parallelism slot), in fewer steps:
   * <ol>
   *   <li>each input partition tokenizes and counts its lines in one pass into a local
   *       {@link WordTable} (a {@code String} per distinct word, not per word);
   *   <li>the table is cut into one compact byte slice per shuffle partition
   *       ({@link CountSlices}), and only those slices are shuffled, keyed by the partition they
   *       go to;
   *   <li>each shuffle partition adds its slices into one table and yields a tuple per word.
   * </ol>
   * Measured on the bench's 1M-word batches against the same fused map side shuffling one
   * {@code (word, count)} tuple per distinct word through {@code combineByKey} (Java
   * serialization, Spark's aggregation map on the reduce side): see docs/performance.md, "What
   * each optimization brought".
   */
  public static JavaPairDStream<String, Long> countLines(JavaDStream<String> lines, Tokenizer tokenizer) {
    return lines.transformToPair(rdd -> {
      int partitions = partitions(rdd);
      return shuffleAndMerge(
          rdd.mapPartitionsToPair(part -> slices(countLinesTable(part, tokenizer), partitions)),
          partitions);
    });
  }

  /** The batch's shuffle partitions: one per default-parallelism slot, as reduceByKey takes. */
  private static int partitions(JavaRDD<?> rdd) {
    return Math.max(1, rdd.context().defaultParallelism());
  }

  /**
   * Moves each slice to the partition its key names (an {@code Integer} key {@code p} is hashed
   * to {@code p} by HashPartitioner) and merges each partition's slices; the words in partition
   * {@code p} are exactly those HashPartitioner puts there, so the result keeps its partitioner.
   */
  private static JavaPairRDD<String, Long> shuffleAndMerge(JavaPairRDD<Integer, byte[]> slices,
      int partitions) {
    return slices.partitionBy(new HashPartitioner(partitions))
        .mapPartitionsToPair(WordCounting::mergeSlices, true);
  }

  static Iterator<Tuple2<Integer, byte[]>> slices(WordTable local, int partitions) {
    byte[][] cut = CountSlices.encode(local, partitions);
    List<Tuple2<Integer, byte[]>> out = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      if (cut[p].length > 0) {
        out.add(new Tuple2<>(p, cut[p]));
      }
    }
    return out.iterator();
  }

  static Iterator<Tuple2<String, Long>> mergeSlices(Iterator<Tuple2<Integer, byte[]>> slices) {
    WordTable merged = new WordTable();
    while (slices.hasNext()) {
      CountSlices.addTo(merged, slices.next()._2());
    }
    return tuples(merged);
  }

  /**
   * One {@link WordTable} per partition: each line is tokenized and counted in one pass, with a
   * {@code String} allocated per distinct word of the partition rather than per word.
   */
  static WordTable countLinesTable(Iterator<String> lines, Tokenizer tokenizer) {
    WordTable local = new WordTable();
    while (lines.hasNext()) {
      local.addWords(lines.next(), tokenizer);
    }
    return local;
  }

  private static Iterator<Tuple2<String, Long>> tuples(WordTable local) {
    List<Tuple2<String, Long>> out = new ArrayList<>(local.size());
    local.forEach((word, count) -> out.add(new Tuple2<>(word, count)));
    return out.iterator();
  }
}
