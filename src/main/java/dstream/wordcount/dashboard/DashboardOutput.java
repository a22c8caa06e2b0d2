package dstream.wordcount.dashboard;

import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.pipelines.PipelineOutput;
import dstream.wordcount.sinks.CountOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import scala.Tuple2;

/**
 * The Spark side of {@code --dashboard}: one driver-side {@code foreachRDD} on the pipeline's
 * typed result that takes only what the page shows to the driver (the top K words, one number,
 * the first lines, the batch statistics), and a {@link StreamingListener} for batch times.
 *
 * <p>The closures capture only {@code int}s and find the running {@link Dashboard} through
 * {@link LiveDashboards#find()} at each batch, so they survive the checkpoint; when no dashboard
 * runs they return before starting any Spark job. Attached after the other outputs, so a result
 * is on the page only once its {@code --output} directory is written.
 */
public final class DashboardOutput {
  private DashboardOutput() {}

  /** Adds the dashboard output of {@code out}, keeping {@code topK} words / lines per result. */
  public static void attach(PipelineOutput out, int topK, int lineLimit) {
    switch (out.kind()) {
      case COUNTS, TOTALS -> out.counts().foreachRDD((rdd, time) -> counts(rdd, time, topK));
      case NUMBERS -> out.numbers().foreachRDD(DashboardOutput::number);
      case LINES -> out.lines().foreachRDD((rdd, time) -> lines(rdd, time, lineLimit));
      case STATS -> out.stats().foreachRDD(DashboardOutput::stats);
      case UPDATES -> out.updates().foreachRDD((rdd, time) -> updates(rdd, time, topK));
      default -> throw new IllegalArgumentException("no dashboard view of " + out.kind());
    }
  }

  /** The listener that feeds batch times to the page; added after every start or recovery. */
  public static StreamingListener listener() {
    return new Timings();
  }

  private static void counts(JavaPairRDD<String, Long> rdd, Time time, int topK) {
    Dashboard d = LiveDashboards.find();
    if (d == null) {
      return;
    }
    d.state().add(Result.counts(time.milliseconds(), words(rdd.takeOrdered(topK, CountOrder.INSTANCE))));
  }

  private static void number(JavaRDD<Long> rdd, Time time) {
    Dashboard d = LiveDashboards.find();
    if (d == null) {
      return;
    }
    List<Long> values = rdd.collect(); // one number per window
    long value = values.isEmpty() ? 0 : values.get(0);
    d.state().add(Result.number(time.milliseconds(), value, d.state().alertAbove()));
  }

  private static void lines(JavaRDD<String> rdd, Time time, int limit) {
    Dashboard d = LiveDashboards.find();
    if (d == null) {
      return;
    }
    List<String> first = rdd.take(limit);
    long matched = first.size() < limit ? first.size() : rdd.count();
    d.state().add(Result.lines(time.milliseconds(), matched, first));
  }

  private static void stats(JavaRDD<BatchStats> rdd, Time time) {
    Dashboard d = LiveDashboards.find();
    if (d == null) {
      return;
    }
    List<BatchStats> one = rdd.collect(); // one summary per batch
    d.state().add(Result.stats(time.milliseconds(), one.isEmpty() ? new BatchStats() : one.get(0)));
  }

  private static void updates(JavaRDD<StateUpdate> rdd, Time time, int topK) {
    Dashboard d = LiveDashboards.find();
    if (d == null) {
      return;
    }
    // The updates are sorted (changes first, by total), so the first ones are the top totals.
    JavaRDD<StateUpdate> changed = rdd.filter(DashboardOutput::isChange);
    JavaRDD<StateUpdate> evicted = rdd.filter(StateUpdate::isEviction);
    List<StateUpdate> topChanged = changed.take(topK);
    List<StateUpdate> firstEvicted = evicted.take(topK);
    long changedCount = topChanged.size() < topK ? topChanged.size() : changed.count();
    long evictedCount = firstEvicted.size() < topK ? firstEvicted.size() : evicted.count();
    d.state().add(Result.updates(time.milliseconds(), updateWords(topChanged), changedCount,
        updateWords(firstEvicted), evictedCount));
  }

  private static boolean isChange(StateUpdate u) {
    return !u.isEviction();
  }

  private static List<WordCount> words(List<Tuple2<String, Long>> pairs) {
    List<WordCount> out = new ArrayList<>(pairs.size());
    for (Tuple2<String, Long> p : pairs) {
      out.add(new WordCount(p._1(), p._2()));
    }
    return out;
  }

  private static List<WordCount> updateWords(List<StateUpdate> updates) {
    List<WordCount> out = new ArrayList<>(updates.size());
    for (StateUpdate u : updates) {
      out.add(new WordCount(u.word(), u.total()));
    }
    return out;
  }

  /** Forwards each completed batch's times; driver-side, never part of the checkpoint. */
  private static final class Timings implements StreamingListener {
    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted event) {
      Dashboard d = LiveDashboards.find();
      if (d == null) {
        return;
      }
      BatchInfo b = event.batchInfo();
      d.state().add(new BatchTiming(b.batchTime().milliseconds(), b.numRecords(),
          (Long) b.processingDelay().getOrElse(() -> -1L),
          (Long) b.schedulingDelay().getOrElse(() -> -1L)));
    }
  }
}
