package dstream.wordcount.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The benchmark's input: corpus lines generated on the executors, cached and counted once before
 * any timing starts, then fed through {@code queueStream}. Each batch gets its own thin view of a
 * cached RDD, for two reasons: Spark unpersists every input RDD once its batch is forgotten, which
 * must not drop the shared cache; and a view's partitions carry no data, whereas a parallelized
 * list would ship its lines with every task, which is ingestion, not what is measured.
 */
final class Inputs {
  private Inputs() {}

  /** The lines of one partition, computed where the partition is cached. */
  interface PartLines extends Serializable {
    List<String> lines(int part);
  }

  /** {@code words} Zipf words per partition set of {@code partitions}, cached and materialized. */
  static JavaRDD<String> zipf(JavaSparkContext sc, ZipfCorpus corpus, long words, int partitions) {
    return cached(sc, "zipf " + words + " words", partitions,
        part -> zipfPart(corpus, words, partitions, part));
  }

  /** Partition {@code part} of {@link #zipf}'s lines, for a consumer other than an RDD. */
  static List<String> zipfPart(ZipfCorpus corpus, long words, int partitions, int part) {
    int linesPerPart = (int) Math.max(1, words / corpus.wordsPerLine() / partitions);
    return corpus.lines(part, linesPerPart);
  }

  /**
   * The {@code count} distinct words of ranks {@code first ..} (split over the partitions), cached
   * and materialized.
   */
  static JavaRDD<String> distinct(JavaSparkContext sc, long first, long count, int wordsPerLine,
      int partitions) {
    return cached(sc, count + " distinct words", partitions,
        part -> distinctPart(first, count, wordsPerLine, partitions, part));
  }

  /** Partition {@code part} of {@link #distinct}'s lines, for a consumer other than an RDD. */
  static List<String> distinctPart(long first, long count, int wordsPerLine, int partitions,
      int part) {
    long perPart = count / partitions;
    long from = first + part * perPart;
    long n = part == partitions - 1 ? count - part * perPart : perPart;
    return ZipfCorpus.distinctLines(from, n, wordsPerLine);
  }

  /**
   * {@code words} words cycling through the {@code distinct} words of ranks 0 .. distinct - 1
   * (each about words / distinct times; all of them when words >= distinct), cached and
   * materialized.
   */
  static JavaRDD<String> cycled(JavaSparkContext sc, long distinct, long words, int wordsPerLine,
      int partitions) {
    return cached(sc, words + " words over " + distinct + " distinct", partitions,
        part -> cycledPart(distinct, words, wordsPerLine, partitions, part));
  }

  /** Partition {@code part} of {@link #cycled}'s lines: its share of the words, in rank order. */
  static List<String> cycledPart(long distinct, long words, int wordsPerLine, int partitions,
      int part) {
    long from = words * part / partitions;
    long to = words * (part + 1) / partitions;
    List<String> out = new ArrayList<>((int) ((to - from) / wordsPerLine + 1));
    StringBuilder line = new StringBuilder(wordsPerLine * 8);
    for (long i = from; i < to; i++) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(ZipfCorpus.word(i % distinct));
      if ((i - from + 1) % wordsPerLine == 0) {
        out.add(line.toString());
        line.setLength(0);
      }
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  /** Every partition's lines of a generator, in partition order. */
  static List<List<String>> parts(int partitions, PartLines gen) {
    List<List<String>> out = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      out.add(gen.lines(p));
    }
    return out;
  }

  static JavaRDD<String> cached(JavaSparkContext sc, String name, int partitions, PartLines gen) {
    List<Integer> parts = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      parts.add(p);
    }
    JavaRDD<String> rdd = sc.parallelize(parts, partitions)
        .mapPartitionsWithIndex((index, ignored) -> gen.lines(index).iterator(), true)
        .setName(name)
        .persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return rdd;
  }

  /** One fresh view per batch, in order. */
  static Queue<JavaRDD<String>> views(List<JavaRDD<String>> batches) {
    Queue<JavaRDD<String>> queue = new LinkedList<>();
    for (JavaRDD<String> base : batches) {
      queue.add(base.mapPartitions(Inputs::same, true));
    }
    return queue;
  }

  /** {@code base} repeated {@code n} times. */
  static List<JavaRDD<String>> repeat(JavaRDD<String> base, int n) {
    List<JavaRDD<String>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(base);
    }
    return out;
  }

  private static Iterator<String> same(Iterator<String> lines) {
    return lines;
  }
}
