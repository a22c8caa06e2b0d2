package dstream.wordcount.sources;

import dstream.wordcount.cli.UsageException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The one Kafka admin helper of the project, used by the Kafka source and by {@code bin/produce}:
 * an admin client with the conf file's security settings, and bounded questions to the brokers.
 * The source asks, before Spark starts, whether the brokers answer and whether the topics exist. Without it a wrong {@code --brokers} makes the direct stream's consumer retry
 * silently for a minute, and a missing topic yields empty batches forever.
 *
 * <p>Outcomes: an unreachable broker is a runtime failure (exit 1, the same command works once a
 * broker runs) naming the brokers tried; an unknown topic or an unusable {@code --brokers} value
 * is a usage error (exit 2) saying how to fix it.
 */
public final class KafkaAdmin {
  /** How long the brokers get to answer. */
  public static final long ANSWER_TIMEOUT_MS = 15_000;

  private KafkaAdmin() {}

  /** Checks that a broker answers and every topic exists, within {@value #ANSWER_TIMEOUT_MS} ms. */
  public static void requireBrokersAndTopics(String brokers, List<String> topics, Map<String, String> kafkaConf)
      throws UsageException, IOException {
    Admin admin = admin(brokers, kafkaConf);
    try {
      requireAnswer(admin, brokers);
      requireTopics(admin, brokers, topics);
    } finally {
      admin.close(Duration.ofSeconds(2)); // calls still retrying are abandoned, not awaited
    }
  }

  /** An admin client with the conf file's security settings (only keys an admin client knows). */
  public static Admin admin(String brokers, Map<String, String> kafkaConf) throws UsageException {
    Properties p = adminProperties(brokers, kafkaConf);
    try {
      return Admin.create(p);
    } catch (KafkaException e) {
      String why = rootMessage(e);
      if (why.contains("bootstrap")) {
        throw new UsageException("--brokers " + brokers + ": " + why
            + "; give host:port[,host:port...], e.g. localhost:9092");
      }
      throw new UsageException("kafka.* settings of the conf file: " + why);
    }
  }

  /**
   * The admin client's configuration: the conf file's keys an admin client knows (security
   * settings; consumer-only keys would only draw "unknown config" warnings), then ours.
   */
  public static Properties adminProperties(String brokers, Map<String, String> kafkaConf) {
    Properties p = new Properties();
    Set<String> known = AdminClientConfig.configNames();
    kafkaConf.forEach((k, v) -> {
      if (known.contains(k)) {
        p.setProperty(k, v);
      }
    });
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ANSWER_TIMEOUT_MS));
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ANSWER_TIMEOUT_MS));
    p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "dstream-wordcount-check");
    return p;
  }

  /**
   * The offsets group {@code groupId} has committed for partitions of {@code topics}, by topic and
   * partition; empty when it has none.
   */
  public static Map<String, Map<Integer, Long>> committedOffsets(Admin admin, String brokers,
      String groupId, List<String> topics) throws IOException {
    Map<TopicPartition, OffsetAndMetadata> offsets = await(
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), brokers);
    Map<String, Map<Integer, Long>> committed = new TreeMap<>();
    offsets.forEach((tp, om) -> {
      if (om != null && topics.contains(tp.topic())) {
        committed.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), om.offset());
      }
    });
    return committed;
  }

  /**
   * {@code --starting-offsets group}: the group must have committed offsets for the topics (a job
   * of either engine that stopped with this {@code --group-id}), else there is nothing to hand
   * over from, and starting anywhere would lose or re-count records silently.
   */
  public static void requireCommittedOffsets(String brokers, String groupId, List<String> topics,
      Map<String, String> kafkaConf) throws UsageException, IOException {
    try (Admin admin = admin(brokers, kafkaConf)) {
      if (committedOffsets(admin, brokers, groupId, topics).isEmpty()) {
        throw new UsageException("--starting-offsets group: group " + groupId + " has no"
            + " committed offsets for " + String.join(",", topics) + "; start it with"
            + " --starting-offsets earliest or latest");
      }
    }
  }

  private static void requireAnswer(Admin admin, String brokers) throws IOException {
    await(admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ANSWER_TIMEOUT_MS))
        .nodes(), brokers);
  }

  private static void requireTopics(Admin admin, String brokers, List<String> topics)
      throws UsageException, IOException {
    Set<String> existing = await(
        admin.listTopics(new ListTopicsOptions().timeoutMs((int) ANSWER_TIMEOUT_MS)).names(), brokers);
    List<String> missing = new ArrayList<>();
    for (String t : topics) {
      if (!existing.contains(t)) {
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      String first = missing.get(0);
      throw new UsageException("--topics: topic '"
          + String.join("', '", missing) + "' does not exist at " + brokers + "; create it, e.g. with bin/produce --topic " + first
          + " --brokers " + brokers + " (it creates missing topics), or check the name");
    }
  }

  /**
   * Waits (bounded) for the answer of an admin call. An unreachable broker, an authentication or
   * authorization failure is an {@link IOException} saying what to do; other failures keep the
   * Kafka exception as the cause.
   */
  public static <T> T await(KafkaFuture<T> answer, String brokers) throws IOException {
    try {
      return answer.get(ANSWER_TIMEOUT_MS + 2_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw failure(e, brokers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while contacting Kafka at " + brokers);
    }
  }

  private static IOException failure(Exception e, String brokers) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof AuthenticationException) {
      return new IOException("Kafka at " + brokers + " refused to authenticate us: "
          + cause.getMessage() + "; check the kafka.* security settings of the conf file");
    }
    if (cause instanceof AuthorizationException) {
      return new IOException("Kafka at " + brokers + " denied access: " + cause.getMessage());
    }
    if (cause instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new ConnectException("no Kafka broker answered at " + brokers + " within "
          + ANSWER_TIMEOUT_MS / 1000 + " s; start one with bin/kafka-local start, or fix --"
          + "brokers");
    }
    return new IOException("Kafka at " + brokers + ": " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
