package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * Where a {@code count} batch's time goes, from Spark's own task metrics: for
 * every completed stage, its wall-clock duration and its tasks' summed run time, shuffle write time
 * and shuffle fetch wait. A batch of {@code count} is two stages: the map stage (tokenizing and
 * counting each partition into a {@code WordTable}, then writing the shuffle) and the result stage
 * (reading the shuffle and merging per word, the reduce-side map). What the batch's processing time
 * holds beyond its stages' durations is scheduling on the driver.
 */
final class StageProfile extends SparkListener {
  /** One completed stage: whether it wrote a shuffle (a map stage), its timings in ms. */
  record Stage(boolean map, long durationMs, long runMs, long shuffleWriteMs, long fetchWaitMs,
      long deserializeMs) {}

  private final List<Stage> stages = new ArrayList<>();

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo s = event.stageInfo();
    if (s.numTasks() == 0) {
      return; // the empty batches queued after the measured ones
    }
    TaskMetrics m = s.taskMetrics();
    long submitted = s.submissionTime().isDefined() ? (Long) s.submissionTime().get() : -1;
    long completed = s.completionTime().isDefined() ? (Long) s.completionTime().get() : -1;
    long duration = submitted < 0 || completed < 0 ? -1 : completed - submitted;
    if (m == null) {
      stages.add(new Stage(false, duration, -1, -1, -1, -1));
      return;
    }
    long written = m.shuffleWriteMetrics().bytesWritten();
    stages.add(new Stage(written > 0, duration, m.executorRunTime(),
        m.shuffleWriteMetrics().writeTime() / 1_000_000, m.shuffleReadMetrics().fetchWaitTime(),
        m.executorDeserializeTime()));
  }

  /** The stages completed so far, in order. */
  synchronized List<Stage> stages() {
    return List.copyOf(stages);
  }

  /**
   * One line per variant: median per batch of the map stage's duration, its tasks' run time and
   * shuffle write, the result stage's duration and fetch wait, and what the batch's processing
   * time holds beyond the stages. The last {@code batches} map and result stages are the measured
   * batches'.
   */
  static String summary(List<Stage> stages, int batches, double processingMedianMs) {
    List<Long> mapDur = new ArrayList<>();
    List<Long> mapRun = new ArrayList<>();
    List<Long> write = new ArrayList<>();
    List<Long> resultDur = new ArrayList<>();
    List<Long> resultRun = new ArrayList<>();
    List<Long> fetch = new ArrayList<>();
    List<Stage> maps = new ArrayList<>();
    List<Stage> results = new ArrayList<>();
    for (Stage s : stages) {
      (s.map() ? maps : results).add(s);
    }
    for (Stage s : maps.subList(Math.max(0, maps.size() - batches), maps.size())) {
      mapDur.add(s.durationMs());
      mapRun.add(s.runMs());
      write.add(s.shuffleWriteMs());
    }
    for (Stage s : results.subList(Math.max(0, results.size() - batches), results.size())) {
      resultDur.add(s.durationMs());
      resultRun.add(s.runMs());
      fetch.add(s.fetchWaitMs());
    }
    double stagesMs = Stats.median(mapDur) + Stats.median(resultDur);
    return "per batch (medians): map stage " + Formats.ms(Stats.median(mapDur)) + " ms (tasks' run "
        + Formats.ms(Stats.median(mapRun)) + " ms, of it shuffle write " + Formats.ms(Stats.median(write))
        + " ms), result stage " + Formats.ms(Stats.median(resultDur)) + " ms (tasks' run "
        + Formats.ms(Stats.median(resultRun)) + " ms, shuffle fetch wait "
        + Formats.ms(Stats.median(fetch)) + " ms: reading the shuffle and the reduce-side map), "
        + "scheduling and the driver between and around the stages "
        + Formats.ms(processingMedianMs - stagesMs) + " ms of " + Formats.ms(processingMedianMs) + " ms";
  }
}
