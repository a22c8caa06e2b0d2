package dstream.wordcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.sources.KafkaAdmin;
import dstream.wordcount.tools.ProduceMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A real Kafka broker for tests, run by the project's own {@code bin/kafka-local} on a free
 * loopback port with its data in a test directory, so the script is tested too. The first start on
 * a fresh clone resolves the broker's jars with Maven. {@link #close} stops it; call it from
 * {@code @AfterAll} so a failing test does not leave a broker behind.
 */
public final class KafkaBroker implements AutoCloseable {
  /** Generous: the first start resolves the broker's jars; the script itself waits at most 60 s. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final LocalDaemon daemon;

  private KafkaBroker(Path data) {
    this.daemon = LocalDaemon.on("kafka-local", data, START_TIMEOUT, STOP_TIMEOUT);
  }

  /** Starts a broker whose storage, pid file and log live in {@code data}. */
  public static KafkaBroker start(Path data) {
    KafkaBroker b = new KafkaBroker(data);
    b.startAgain();
    return b;
  }

  /** {@code host:port} of the broker, for {@code --brokers}. */
  public String bootstrap() {
    return "127.0.0.1:" + port();
  }

  public int port() {
    return daemon.port();
  }

  /** Starts the stopped broker again on the same port and data. */
  public void startAgain() {
    daemon.start();
  }

  /** Stops the broker (SIGTERM, bounded). */
  public void stop() {
    daemon.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * The group's committed offset of each partition of {@code topic}, each asserted to be the
   * partition's end: every record was processed and committed.
   */
  public Map<Integer, Long> committedAtTheEnd(String group, String topic) throws Exception {
    Admin admin = KafkaAdmin.admin(bootstrap(), Map.of());
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = offsets.keySet().stream()
          .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      Map<Integer, Long> byPartition = new TreeMap<>();
      offsets.forEach((tp, om) -> {
        if (tp.topic().equals(topic)) {
          assertEquals(ends.get(tp).offset(), om.offset(), "committed offset of " + tp + " is the end");
          byPartition.put(tp.partition(), om.offset());
        }
      });
      return byPartition;
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }
  /**
   * Creates {@code topic} with 3 partitions and waits until every partition has a leader: a
   * producer sending right after the creation can otherwise be told the broker does not host
   * them yet.
   */
  public void createTopic(String topic) throws Exception {
    try (Admin admin = KafkaAdmin.admin(bootstrap(), Map.of())) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      Waits.until(30_000, () -> "leaders for the partitions of " + topic, () -> {
        try {
          TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
              .get(10, TimeUnit.SECONDS).get(topic);
          return d.partitions().size() == 3
              && d.partitions().stream().allMatch(i -> i.leader() != null && !i.leader().isEmpty());
        } catch (Exception e) {
          return false;
        }
      });
    }
  }

  /**
   * Sends the numbered records {@code from..to} to 3 partitions with {@code bin/produce}'s code:
   * record k is the line {@code "rk spark"}, so a record counted twice or lost shows in its own
   * word.
   */
  public void produce(String topic, int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int k = from; k <= to; k++) {
      lines.add("r" + k + " spark");
    }
    produceLines(topic, lines);
  }

  /** Sends {@code lines} to 3 partitions in turn with {@code bin/produce}'s code. */
  public void produceLines(String topic, List<String> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProduceMain.run(new String[] {"--topic", topic, "--brokers", bootstrap(),
        "--input", "-", "--interval", "0", "--partitions", "3"},
        new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, exit, "produce failed");
  }

  /** Deletes {@code topic} and waits until the broker no longer lists it. */
  public void deleteTopic(String topic) throws Exception {
    try (Admin admin = KafkaAdmin.admin(bootstrap(), Map.of())) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      Waits.until(30_000, () -> "topic " + topic + " gone", () -> {
        try {
          return !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
          return false;
        }
      });
    }
  }

  /** {@link #committed}, or -1 when the broker does not answer this look (for polling waits). */
  public long committedOrNone(String group) {
    try {
      return committed(group);
    } catch (Exception e) {
      return -1;
    }
  }

  /** The sum of {@code group}'s committed offsets over all its partitions. */
  public long committed(String group) throws Exception {
    try (Admin admin = KafkaAdmin.admin(bootstrap(), Map.of())) {
      long sum = 0;
      for (OffsetAndMetadata o : admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).values()) {
        sum += o == null ? 0 : o.offset();
      }
      return sum;
    }
  }
}
