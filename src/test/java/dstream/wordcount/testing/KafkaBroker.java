package dstream.wordcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.sources.KafkaAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
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

  private final Path data;
  private final int port;

  private KafkaBroker(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  /** Starts a broker whose storage, pid file and log live in {@code data}. */
  public static KafkaBroker start(Path data) {
    KafkaBroker b = new KafkaBroker(data, Launcher.freePort());
    b.startAgain();
    return b;
  }

  /** {@code host:port} of the broker, for {@code --brokers}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts the stopped broker again on the same port and data. */
  public void startAgain() {
    Launcher.run(START_TIMEOUT, "kafka-local", "start", "--port", Integer.toString(port),
        "--data", data.toString()).requireSuccess("bin/kafka-local start");
  }

  /** Stops the broker (SIGTERM, bounded). */
  public void stop() {
    Launcher.run(STOP_TIMEOUT, "kafka-local", "stop", "--data", data.toString())
        .requireSuccess("bin/kafka-local stop");
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
}
