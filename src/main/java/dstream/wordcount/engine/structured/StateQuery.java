package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.DurationText;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.pipelines.StatePipeline;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code state} on the structured engine: {@code flatMapGroupsWithState} in update mode, one
 * total per word in Spark's state store, only the words of the micro-batch visited; with
 * {@code --idle-timeout D} a processing-time timeout evicts a word not seen for D and reports it.
 *
 * <p>Why {@code flatMapGroupsWithState} and not {@code transformWithState}: it runs on both
 * Spark lines (3.5 has no {@code transformWithState}) and on both state stores, where
 * {@code transformWithState} needs RocksDB in 4.2. Spark looks for timed-out words in every
 * micro-batch (it runs one even without input while a timeout is pending), so an eviction shows
 * up between D and D plus one batch after the word was last seen; the DStream twin notices it
 * only when it checkpoints the state. Twin of {@link StatePipeline}.
 */
final class StateQuery implements StructuredPipeline<StatePipeline.Settings> {
  private static final Encoder<StateUpdate> UPDATES = Encoders.javaSerialization(StateUpdate.class);

  @Override
  public Query plan(StreamLines lines, StatePipeline.Settings s, Options job) {
    long idleMs = s.idleTimeoutMs();
    GroupStateTimeout timeout = idleMs > 0
        ? GroupStateTimeout.ProcessingTimeTimeout() : GroupStateTimeout.NoTimeout();
    Dataset<StateUpdate> updates = Words.of(lines.text(), s.tokenizer(), s.stopWords())
        .as(Encoders.STRING())
        .groupByKey(new Identity(), Encoders.STRING())
        .flatMapGroupsWithState(new Totals(idleMs), OutputMode.Update(), Encoders.LONG(),
            UPDATES, timeout);
    // In the order the DStream twin shows them, in one partition so files keep it too.
    return new Query(updates, OutputMode.Update(),
        batch -> batch.as(UPDATES).toJavaRDD().sortBy(u -> u, true, 1));
  }

  /** As long as the DStream twin: until the last word's eviction is out. */
  @Override
  public long batchesAfterInput(StatePipeline.Settings s, Options job) {
    return s.idleTimeoutMs() <= 0 ? 0 : s.idleTimeoutMs() / job.batchMs() + 2;
  }

  /** A word is its own key. */
  static final class Identity implements MapFunction<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(String word) {
      return word;
    }
  }

  /** Adds a micro-batch's occurrences of one word to its total, or reports its eviction. */
  static final class Totals
      implements FlatMapGroupsWithStateFunction<String, String, Long, StateUpdate> {
    private static final long serialVersionUID = 1L;
    private final long idleMs;
    private final String idle;

    Totals(long idleMs) {
      this.idleMs = idleMs;
      this.idle = idleMs > 0 ? DurationText.format(idleMs) : null;
    }

    @Override
    public Iterator<StateUpdate> call(String word, Iterator<String> seen, GroupState<Long> total) {
      if (total.hasTimedOut()) {
        long last = total.get();
        total.remove();
        return List.of(StateUpdate.evicted(word, last, idle)).iterator();
      }
      long now = total.exists() ? total.get() : 0L;
      while (seen.hasNext()) {
        seen.next();
        now++;
      }
      total.update(now);
      if (idleMs > 0) {
        total.setTimeoutDuration(idleMs);
      }
      return List.of(StateUpdate.changed(word, now)).iterator();
    }
  }
}
