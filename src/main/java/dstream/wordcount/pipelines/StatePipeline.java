package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.core.DurationText;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.Optional;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.dstream.DStream;

/**
 * {@code state}: running word totals, but each batch shows only the words whose total changed,
 * {@code (word,total)}. With {@code --idle-timeout D} a word not seen for D is dropped from the
 * state and the batch that drops it shows {@code (word,total) evicted after idle D}. Lines are
 * ordered changes first, then evictions, each by total then word.
 *
 * <p>Technique: {@code mapWithState} with a {@code StateSpec}, optionally {@code .timeout(D)}: only
 * the words of the batch are visited, unlike {@code updateStateByKey}. Spark looks for idle words
 * only in batches where it checkpoints the state (every 5 batches by default,
 * {@code --checkpoint-interval}), so an eviction shows up between D and D plus one checkpoint
 * interval after the word was last seen. Run it:
 * {@code bin/run-wordcount --pipeline state --idle-timeout 10s}.
 */
public final class StatePipeline extends StatefulPipeline<StatePipeline.Settings> {
  public static final OptionSpec IDLE_TIMEOUT = OptionSpec.duration("idle-timeout", "D",
      "evict words not seen for this long (noticed at the next checkpoint of the state)", null)
      .shaping();

  /** The tokenizer, the idle timeout (0: never evict) and the checkpoint interval (0: default). */
  public record Settings(Tokenizer tokenizer, StopWordList stopWords, long idleTimeoutMs,
      long checkpointIntervalMs) implements Stateful, PipelineOptions.Counting {}

  public StatePipeline() {
    super("state", ResultKind.UPDATES,
        "running totals, only changed words per batch, --idle-timeout evicts (mapWithState)",
        v -> new Settings(PipelineOptions.tokenizer(v),
            PipelineOptions.stopWords(v, PipelineOptions.tokenizer(v)),
            v.optionalDuration(IDLE_TIMEOUT),
            v.optionalDuration(PipelineOptions.CHECKPOINT_INTERVAL)),
        PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS, IDLE_TIMEOUT,
        PipelineOptions.CHECKPOINT_INTERVAL);
  }

  /** A finite replay waits for the last word's eviction: the timeout plus one checkpoint interval. */
  @Override
  public long batchesAfterInput(Settings s, Options job) {
    if (s.idleTimeoutMs() <= 0) {
      return 0;
    }
    return (s.idleTimeoutMs() + checkpointInterval(s, job).milliseconds()) / job.batchMs() + 1;
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    String idle = s.idleTimeoutMs() > 0 ? DurationText.format(s.idleTimeoutMs()) : null;
    StateSpec<String, Long, Long, StateUpdate> spec =
        StateSpec.function((String word, Optional<Long> count, State<Long> total) ->
            update(word, count, total, idle));
    if (idle != null) {
      spec = spec.timeout(Durations.milliseconds(s.idleTimeoutMs()));
    }
    // One value per word per batch: mapWithState calls the function once per record.
    JavaMapWithStateDStream<String, Long, Long, StateUpdate> updates =
        StopWords.remove(WordCounting.countLines(lines, s.tokenizer()), s.stopWords())
            .mapWithState(spec);
    updates.checkpoint(checkpointInterval(s, job));
    keepStateDeserialized(updates);
    return PipelineOutput.updates(updates.transform(StatePipeline::ordered));
  }

  /**
   * Setting a checkpoint interval on a DStream also persists it with Spark's default DStream level,
   * MEMORY_ONLY_SER, and mapWithState forwards the interval to its internal state stream, which
   * it had persisted MEMORY_ONLY. Serialized, every batch would serialize and deserialize the whole
   * state map (several times), so a batch would cost in proportion to the words in state, which is
   * what mapWithState exists to avoid: with 1M words in state a 100k-word batch took 5x as long as
   * with 10k (README, Performance). The state stream is the mapped stream's only dependency; it
   * gets its MEMORY_ONLY back, so a batch touches only its own words. Checkpoints still write the
   * full state, every checkpoint interval.
   */
  static void keepStateDeserialized(JavaMapWithStateDStream<?, ?, ?, ?> updates) {
    DStream<?> state = updates.dstream().dependencies().head();
    state.persist(StorageLevel.MEMORY_ONLY());
  }

  /**
   * The mapping function: adds the batch's count to the word's total, or reports the eviction of
   * a word Spark found idle (whose state may then no longer be updated).
   */
  static StateUpdate update(String word, Optional<Long> count, State<Long> total, String idle) {
    long old = total.exists() ? total.get() : 0L;
    if (total.isTimingOut()) {
      return StateUpdate.evicted(word, old, idle);
    }
    long now = old + count.orElse(0L);
    total.update(now);
    return StateUpdate.changed(word, now);
  }

  /** The batch's lines in output order, in one partition so files keep that order too. */
  static JavaRDD<StateUpdate> ordered(JavaRDD<StateUpdate> updates) {
    return updates.sortBy(u -> u, true, 1);
  }
}
