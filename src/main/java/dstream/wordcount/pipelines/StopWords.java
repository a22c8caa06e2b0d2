package dstream.wordcount.pipelines;

import dstream.wordcount.core.StopWordList;
import dstream.wordcount.live.RunState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * {@code --stopwords FILE}: removes the stop words from the word counts of every counting
 * pipeline, before any window or state sees them.
 *
 * <p>Technique: a stream-static join. Each batch's counts are {@code transform}ed with an
 * anti-join ({@code subtractByKey}) against a static pair RDD of the stop words. That RDD is built
 * once per run and cached; it is partitioned like the counts ({@link WordCounting#countLines} hash
 * partitions them), so the join is a narrow dependency on both sides: no shuffle per batch. The
 * closure captures only the {@link StopWordList} (serializable, so it is in the checkpoint); the
 * RDD is a live object of the run ({@link RunState}), so a recovered driver, whose run starts
 * without it, builds it again on its first batch. The file's content hash is in the checkpoint
 * settings record, so a recovered graph never runs with a list the file no longer holds.
 */
final class StopWords {
  private StopWords() {}

  /** {@code counts} without the stop words of {@code list}; {@code counts} itself when none. */
  static JavaPairDStream<String, Long> remove(JavaPairDStream<String, Long> counts,
      StopWordList list) {
    if (!list.isActive()) {
      return counts;
    }
    return counts.transformToPair(rdd -> withoutStopWords(rdd, list));
  }

  /**
   * {@code words} (one element per occurrence) without the stop words of {@code list}. The
   * anti-join needs pairs, so each word is paired and the words are shuffled once; counts avoid
   * that, so prefer {@link #remove} where the pipeline counts first.
   */
  static JavaDStream<String> removeWords(JavaDStream<String> words, StopWordList list) {
    if (!list.isActive()) {
      return words;
    }
    return words.transform(rdd -> withoutStopWords(rdd.mapToPair(StopWords::keyed), list).keys());
  }

  private static Tuple2<String, Long> keyed(String word) {
    return new Tuple2<>(word, 1L);
  }

  /** The anti-join of one batch against the run's cached stop-word RDD. */
  static JavaPairRDD<String, Long> withoutStopWords(JavaPairRDD<String, Long> counts,
      StopWordList list) {
    Partitioner p = counts.partitioner().isPresent()
        ? counts.partitioner().get()
        : new HashPartitioner(counts.context().defaultParallelism());
    return counts.subtractByKey(cached(counts.context(), list, p), p);
  }

  /**
   * The run's stop-word RDD for {@code list} partitioned by {@code p}, built and cached on first
   * use (after a start or a recovery alike). Batches are generated one at a time on the driver, but
   * the lock on the run keeps two lookups from building it twice anyway.
   */
  private static JavaPairRDD<String, Boolean> cached(SparkContext sc, StopWordList list,
      Partitioner p) {
    RunState run = RunState.of(sc);
    synchronized (run) {
      Cache c = run.get(Cache.class);
      if (c != null && c.list.equals(list) && c.rdd.partitioner().isPresent()
          && c.rdd.partitioner().get().equals(p)) {
        return c.rdd;
      }
      if (c != null) {
        c.rdd.unpersist(false);
      }
      List<Tuple2<String, Boolean>> pairs = new ArrayList<>(list.words().size());
      for (String w : list.words()) {
        pairs.add(new Tuple2<>(w, Boolean.TRUE));
      }
      JavaPairRDD<String, Boolean> rdd = JavaSparkContext.fromSparkContext(sc)
          .parallelizePairs(pairs, 1)
          .partitionBy(p)
          .setName("stop words of " + list.file())
          .cache();
      Cache fresh = new Cache(list, rdd);
      if (c == null) {
        run.closeAtEnd(() -> unpersist(run));
      }
      run.put(Cache.class, fresh);
      return rdd;
    }
  }

  private static void unpersist(RunState run) {
    Cache c = run.get(Cache.class);
    if (c != null && !c.rdd.context().isStopped()) {
      c.rdd.unpersist(false);
    }
  }

  /** The run's cached stop-word RDD and the list it holds. Driver-side, never serialized. */
  private record Cache(StopWordList list, JavaPairRDD<String, Boolean> rdd) {}
}
