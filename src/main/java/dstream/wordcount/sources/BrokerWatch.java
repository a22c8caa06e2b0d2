package dstream.wordcount.sources;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.BrokerHealth;
import dstream.wordcount.core.Periodic;
import dstream.wordcount.live.RunState;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the Kafka source's brokers from the driver, on both engines, while the job runs: asks
 * them for their topics every batch (at least every second, each look bounded), says an outage
 * and its end ({@link BrokerHealth}), and fails the run when a topic it reads was deleted. Spark's
 * consumers do not: they wait in silence for brokers that are away, and for ever on a deleted
 * topic. One admin client for the whole run, its own daemon thread; closed with the source.
 */
public final class BrokerWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
  /** Batches the brokers may be away before it is said. */
  private static final int OUTAGE_BATCHES = 3;
  private static final long MIN_PERIOD_MS = 1_000;
  private static final long MIN_OUTAGE_MS = 3_000;
  private static final long WAKE_MS = 100;

  private final Admin admin;
  private final List<String> watched;
  private final BrokerHealth health;
  private final RunState run;
  private final long lookTimeoutMs;
  private final ScheduledExecutorService looks;

  private BrokerWatch(Admin admin, List<String> watched, BrokerHealth health, RunState run,
      long periodMs) {
    this.admin = admin;
    this.watched = List.copyOf(watched);
    this.health = health;
    this.run = run;
    this.lookTimeoutMs = Math.max(periodMs, 2_000);
    this.looks = Periodic.start("kafka-broker-watch", periodMs, periodMs, this::look);
  }

  /**
   * Starts watching the brokers and topics of {@code s} for {@code run}, with batches of
   * {@code batchMs}; the run closes the watch at its end.
   */
  public static BrokerWatch start(KafkaSource.Settings s, long batchMs, RunState run)
      throws UsageException {
    long now = System.currentTimeMillis();
    BrokerHealth health = new BrokerHealth(s.brokers(), s.topics(), s.groupId(),
        Math.max(OUTAGE_BATCHES * batchMs, MIN_OUTAGE_MS), now);
    BrokerWatch watch = new BrokerWatch(KafkaAdmin.admin(s.brokers(), s.kafkaConf()), s.topics(),
        health, run, Math.max(batchMs, MIN_PERIOD_MS));
    run.closeAtEnd(watch);
    return watch;
  }

  private void look() {
    Set<String> topics;
    try {
      topics = admin.listTopics(new ListTopicsOptions().timeoutMs((int) lookTimeoutMs)).names()
          .get(lookTimeoutMs + 1_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      say(health.noAnswer(System.currentTimeMillis()), true);
      return;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        say(health.noAnswer(System.currentTimeMillis()), true);
      } else {
        LOG.debug("looking at the brokers failed", e);
      }
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    say(health.answered(System.currentTimeMillis()), false);
    String gone = health.gone(topics);
    if (gone != null) {
      // Forgotten before the run fails: its stop makes the final commit.
      KafkaOffsets.Progress progress = run.get(KafkaOffsets.Progress.class);
      if (progress != null) {
        progress.forget(watched.stream().filter(t -> !topics.contains(t)).toList());
      }
      run.fail(gone);
      if (progress != null) {
        keepWaking(progress);
      }
    }
  }

  /**
   * The DStream engine's driver consumer waits for the deleted topic's offsets for a minute while
   * holding the graph's lock, and each batch it starts waits again, so the stop of the failed run
   * would wait too: wake it until the run closes this watch. (The structured engine's stop
   * interrupts its query's thread.)
   */
  private static void keepWaking(KafkaOffsets.Progress progress) {
    while (!Thread.currentThread().isInterrupted()) {
      progress.wakeConsumer();
      try {
        Thread.sleep(WAKE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void say(String line, boolean warn) {
    if (line == null) {
      return;
    }
    if (warn) {
      LOG.warn(line);
    } else {
      LOG.info(line);
    }
  }

  @Override
  public void close() {
    looks.shutdownNow();
    admin.close(Duration.ofSeconds(1)); // a look still waiting is abandoned, not awaited
  }
}
