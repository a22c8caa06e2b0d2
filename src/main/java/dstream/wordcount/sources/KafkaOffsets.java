package dstream.wordcount.sources;

import dstream.wordcount.live.OutputOutcomes;
import dstream.wordcount.live.RunState;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.InputDStream;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.DirectKafkaInputDStream;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.BoxedUnit;

/**
 * When the Kafka source's offsets are committed, so that no record is lost and, on a clean stop,
 * none is read twice.
 *
 * <ol>
 *   <li>Each batch: the last output operation of the graph (see {@code OpenedSource.afterOutputs})
 *       waits until the batch's other outputs have completed ({@link OutputOutcomes}) and, if all
 *       succeeded, hands the batch's offset ranges to the stream's {@code commitAsync}. If one
 *       failed, nothing of this batch or any later one is committed in this run.
 *   <li>{@code commitAsync} only queues: the stream sends the commit when it computes the next
 *       batch. The last batch before a stop would therefore never be committed, so when the job
 *       stops ({@code close}, or the JVM's shutdown after Spark's graceful stop on SIGTERM or
 *       Ctrl-C) a short-lived consumer of the same group commits the offsets of the last batch
 *       whose outputs succeeded with {@code commitSync}.
 * </ol>
 * A driver killed outright (SIGKILL, power loss) loses at most the commits of the batches since
 * the last one sent: a restart reads those records again (at-least-once). With {@code --checkpoint}
 * Spark restores the offsets from the checkpoint instead and recomputes exactly the unfinished
 * batches.
 */
final class KafkaOffsets {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);
  /** How long the commit waits for the outcome of the batch's other outputs. */
  private static final long OUTCOME_WAIT_MS = 30_000;
  private static final Duration FINAL_COMMIT_TIMEOUT = Duration.ofSeconds(15);
  /** Runs after Spark's streaming context has stopped on shutdown (its hook has priority 51). */
  private static final int SHUTDOWN_PRIORITY = ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY();

  private KafkaOffsets() {}

  /**
   * Starts tracking a run (of group@brokers {@code key}); its last processed offsets are committed
   * at {@link Progress#end} or at exit. The run's {@link RunState} holds it, so the commit step of a
   * recovered graph finds it too.
   */
  static Progress beginRun(String key, Map<String, Object> consumerParams) {
    Progress p = new Progress(key, consumerParams);
    p.hook = ShutdownHookManager.addShutdownHook(SHUTDOWN_PRIORITY, () -> {
      p.commitFinal();
      return BoxedUnit.UNIT;
    });
    return p;
  }

  /**
   * The commit step of batch {@code time}, run on the driver after the batch's outputs; the run is
   * the one bound to the RDD's SparkContext.
   */
  static void commitAfterOutputs(InputDStream<?> stream, RDD<?> rdd, Time time)
      throws InterruptedException {
    OffsetRange[] ranges = ((HasOffsetRanges) rdd).offsetRanges();
    RunState run = RunState.of(rdd.context());
    Progress p = run.get(Progress.class);
    if (p != null && p.halted) {
      return;
    }
    OutputOutcomes outcomes = run.outcomes();
    String problem = outcomes.awaitEarlierOutputs(time.milliseconds(), OUTCOME_WAIT_MS);
    if (problem != null) {
      if (p != null) {
        p.halted = true;
      }
      LOG.warn("batch {}: offsets not committed, nor any later ones in this run ({}); "
          + "a restart reads again from the last committed offsets", time.milliseconds(), problem);
      return;
    }
    if (p != null) {
      p.processed(ranges);
      p.stream = stream;
    }
    ((CanCommitOffsets) stream).commitAsync(ranges, new LoggingCallback());
    LOG.debug("batch {}: offsets queued for commit: {}", time.milliseconds(), describe(ranges));
  }

  private static String describe(OffsetRange[] ranges) {
    StringBuilder sb = new StringBuilder();
    for (OffsetRange r : ranges) {
      sb.append(sb.length() == 0 ? "" : ", ").append(r.topic()).append('-').append(r.partition())
          .append('=').append(r.untilOffset());
    }
    return sb.toString();
  }

  /** What one run has processed, and whether its final commit is done. */
  static final class Progress {
    private final String key;
    private final Map<String, Object> consumerParams;
    private final Map<TopicPartition, Long> processed = new HashMap<>();
    private volatile boolean halted;
    /** The direct stream of this run (created or recovered), once a batch has been committed. */
    private volatile InputDStream<?> stream;
    private boolean finalDone;
    private Object hook;

    Progress(String key, Map<String, Object> consumerParams) {
      this.key = key;
      this.consumerParams = new HashMap<>(consumerParams);
    }

    /** Ends the run after its streaming context has stopped: commits what it processed. */
    void end() {
      commitFinal();
      ShutdownHookManager.removeShutdownHook(hook);
    }

    /**
     * Makes the driver consumer's blocking call (if any) return at once: Kafka's
     * {@code wakeup}, the one consumer method safe from another thread.
     */
    void wakeConsumer() {
      if (stream instanceof DirectKafkaInputDStream<?, ?> direct) {
        direct.consumer().wakeup();
      }
    }

    /** Leaves deleted {@code topics} out of the final commit: Kafka would only refuse it, slowly. */
    synchronized void forget(java.util.Collection<String> topics) {
      processed.keySet().removeIf(tp -> topics.contains(tp.topic()));
    }

    synchronized void processed(OffsetRange[] ranges) {
      for (OffsetRange r : ranges) {
        processed.merge(r.topicPartition(), r.untilOffset(), Math::max);
      }
    }

    synchronized void commitFinal() {
      if (finalDone || processed.isEmpty()) {
        finalDone = true;
        return;
      }
      finalDone = true;
      Map<TopicPartition, OffsetAndMetadata> offsets = new TreeMap<>(
          (a, b) -> a.topic().equals(b.topic())
              ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
      processed.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
      Map<String, Object> conf = new HashMap<>(consumerParams);
      conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      conf.put(ConsumerConfig.CLIENT_ID_CONFIG, "dstream-wordcount-final-commit");
      conf.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) FINAL_COMMIT_TIMEOUT.toMillis());
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(conf)) {
        consumer.commitSync(offsets, FINAL_COMMIT_TIMEOUT);
        LOG.info("committed the offsets of the last processed batch for group {}: {}", key,
            offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().offset()).toList());
      } catch (KafkaException e) {
        LOG.warn("could not commit the offsets of the last processed batch for group {} ({}); "
            + "a restart reads its records again", key, e.getMessage());
      }
    }
  }

  /** Logs failed asynchronous commits; serializable because the stream keeps it in checkpoints. */
  static final class LoggingCallback implements OffsetCommitCallback, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
      if (e != null) {
        LOG.warn("committing offsets {} failed: {}; the next batch's commit covers them", offsets,
            e.getMessage());
      }
    }
  }
}
