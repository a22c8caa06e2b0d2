package dstream.wordcount.pipelines;

import dstream.wordcount.core.WordCountOrder;
import java.io.Serializable;
import java.util.Comparator;
import scala.Tuple2;

/**
 * {@link WordCountOrder} for Spark's tuples: highest count first, ties by word. A named serializable
 * class because {@code takeOrdered} ships it to executors and checkpoints serialize it.
 */
public final class WordCountTupleOrder implements Comparator<Tuple2<String, Long>>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The shared instance. */
  public static final WordCountTupleOrder INSTANCE = new WordCountTupleOrder();

  private WordCountTupleOrder() {}

  @Override
  public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
    return WordCountOrder.compare(a._1(), a._2(), b._1(), b._2());
  }
}
