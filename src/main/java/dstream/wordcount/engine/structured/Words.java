package dstream.wordcount.engine.structured;

import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import java.util.ArrayList;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * The counting step every structured pipeline reuses, so that both engines agree on what a word
 * is: the project's {@link Tokenizer} in a {@code flatMap}, {@code --stopwords} removed by a
 * stream-static left anti join against a broadcast table of the stop words (the counterpart of
 * the DStream engine's {@code transform} + {@code subtractByKey}), and counting by
 * {@code groupBy("word").count()}.
 */
final class Words {
  /** The column of a word. */
  static final String WORD = "word";

  private Words() {}

  /** The words of {@code lines} (streaming or static), one row each, stop words removed. */
  static Dataset<Row> of(Dataset<String> lines, Tokenizer tokenizer, StopWordList stopWords) {
    Dataset<Row> words = lines.flatMap(new Tokenize(tokenizer), Encoders.STRING()).toDF(WORD);
    if (!stopWords.isActive()) {
      return words;
    }
    Dataset<Row> stop = lines.sparkSession()
        .createDataset(new ArrayList<>(stopWords.words()), Encoders.STRING()).toDF("stop");
    return words.join(functions.broadcast(stop), words.col(WORD).equalTo(stop.col("stop")),
        "left_anti");
  }

  /** The word counts of one batch of words. */
  static JavaRDD<Tuple2<String, Long>> counts(Dataset<Row> words) {
    return tuples(words.groupBy(WORD).count());
  }

  /** Rows of (word, count) as the tuples the outputs take. */
  static JavaRDD<Tuple2<String, Long>> tuples(Dataset<Row> wordCounts) {
    return wordCounts.toJavaRDD().map(r -> new Tuple2<>(r.getString(0), r.getLong(1)));
  }

  /** One line into its words; serializable, as Spark ships it to the executors. */
  static final class Tokenize implements FlatMapFunction<String, String> {
    private static final long serialVersionUID = 1L;
    private final Tokenizer tokenizer;

    Tokenize(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }

    @Override
    public Iterator<String> call(String line) {
      return tokenizer.tokenize(line).iterator();
    }
  }
}
