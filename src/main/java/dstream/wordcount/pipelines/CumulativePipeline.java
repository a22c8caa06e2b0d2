package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.results.ResultKind;
import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * {@code cumulative}: running word totals since the job started, every word every batch.
 *
 * <p>Technique: {@code updateStateByKey}, which visits every word held in the state each batch
 * (the per-batch cost grows with the vocabulary; {@code state} is the alternative that does not).
 * The state is checkpointed, and with {@code --checkpoint DIR} a restarted driver carries on from
 * it. Run it: {@code bin/run-wordcount --pipeline cumulative --checkpoint /tmp/wc-cumulative}.
 */
public final class CumulativePipeline extends StatefulPipeline<CumulativePipeline.Settings> {
  /** The tokenizer, the stop words and {@code --checkpoint-interval} (0 for the default). */
  public record Settings(Tokenizer tokenizer, StopWordList stopWords, long checkpointIntervalMs)
      implements Stateful, PipelineOptions.Counting {}

  public CumulativePipeline() {
    super("cumulative", ResultKind.TOTALS, "running totals since the start (updateStateByKey)",
        v -> new Settings(PipelineOptions.tokenizer(v),
            PipelineOptions.stopWords(v, PipelineOptions.tokenizer(v)),
            v.optionalDuration(PipelineOptions.CHECKPOINT_INTERVAL)),
        PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS, PipelineOptions.CHECKPOINT_INTERVAL);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    JavaPairDStream<String, Long> totals =
        StopWords.remove(WordCounting.countLines(lines, s.tokenizer()), s.stopWords())
        .updateStateByKey(CumulativePipeline::addBatch);
    totals.checkpoint(checkpointInterval(s, job));
    return PipelineOutput.totals(totals);
  }

  /** The new total of one word: the old one plus this batch's count (one value per batch). */
  static Optional<Long> addBatch(List<Long> batchCounts, Optional<Long> total) {
    long sum = total.orElse(0L);
    for (long c : batchCounts) {
      sum += c;
    }
    return Optional.of(sum);
  }
}
