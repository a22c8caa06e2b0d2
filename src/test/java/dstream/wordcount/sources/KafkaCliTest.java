package dstream.wordcount.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.tools.ProduceMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka pieces that need no broker: consumer parameters from options and {@code kafka.*} conf
 * keys, and the usage errors of the kafka source, {@code bin/produce} and {@code bin/kafka-local}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaCliTest {
  @TempDir Path tmp;

  @Test
  void kafkaConfKeysReachTheConsumerButOptionsDecideAddressGroupAndOffsets() throws Exception {
    Path conf = tmp.resolve("kafka.properties");
    Files.writeString(conf, String.join("\n",
        "kafka.security.protocol = SASL_SSL",
        "kafka.sasl.mechanism = PLAIN",
        "kafka.session.timeout.ms = 20000",
        "kafka.bootstrap.servers = elsewhere:9092",
        "kafka.enable.auto.commit = true", ""));
    Job o = Job.parse(new String[] {"--source", "kafka", "--topics", "t",
        "--brokers", "127.0.0.1:9093", "--group-id", "g", "--starting-offsets", "earliest",
        "--conf", conf.toString()}, null);
    Map<String, Object> expected = new TreeMap<>(Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN",
        "session.timeout.ms", "20000",
        "bootstrap.servers", "127.0.0.1:9093",
        "group.id", "g",
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false",
        "allow.auto.create.topics", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));
    assertEquals(expected, new TreeMap<>(KafkaSource.consumerParams(o.settings(KafkaSource.class))));
  }

  @Test
  void defaultConsumerParamsHaveAShortSessionTimeoutAndNoAutoCommit() throws Exception {
    Job o = Job.parse(new String[] {"--source", "kafka", "--topics", "t"}, null);
    Map<String, Object> p = KafkaSource.consumerParams(o.settings(KafkaSource.class));
    assertEquals("localhost:9092", p.get("bootstrap.servers"));
    assertEquals("dstream-wordcount", p.get("group.id"));
    assertEquals("latest", p.get("auto.offset.reset"));
    assertEquals("false", p.get("enable.auto.commit"));
    assertEquals("10000", p.get("session.timeout.ms"));
  }

  @Test
  void kafkaSourceWithoutTopicsIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--source", "kafka"}, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertEquals("run-wordcount: --source kafka needs --topics T[,T2...]: the topics to read "
        + "(bin/produce --topic T creates a topic)", err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void unresolvableBrokersAreAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--source", "kafka", "--topics", "t", "--brokers", "no-such-host.invalid:9092"},
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertEquals("run-wordcount: --brokers no-such-host.invalid:9092: No resolvable bootstrap urls "
        + "given in bootstrap.servers; give host:port[,host:port...], e.g. localhost:9092",
        err.toString(StandardCharsets.UTF_8).strip());
  }

  private static String[] produce(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ProduceMain.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8).strip()};
  }

  @Test
  void produceUsageErrors() {
    assertEquals("2 produce: --topic T is required: the topic to send to",
        String.join(" ", produce("--demo")[0], produce("--demo")[2]));
    String[] both = produce("--topic", "t", "--demo", "--input", "x.txt");
    assertEquals("2", both[0]);
    assertEquals("produce: --input and --demo exclude each other: pick one source of lines", both[2]);
    String[] zero = produce("--topic", "t", "--partitions", "0");
    assertEquals("2", zero[0]);
    assertEquals("produce: --partitions must be a whole number of at least 1 (got '0')", zero[2]);
    String[] interval = produce("--topic", "t", "--demo", "--interval", "2");
    assertEquals("2", interval[0]);
    assertEquals("produce: --interval needs a unit, e.g. 2s or 2ms", interval[2]);
    String[] help = produce("--help");
    assertEquals("0", help[0]);
    assertTrue(help[1].startsWith("usage: bin/produce --topic T"), help[1]);
  }

  @Test
  void kafkaLocalUsageAndStatusOfAnEmptyDataDirectory() {
    Duration t = Duration.ofSeconds(30);
    Launcher.Result help = Launcher.run(t, "kafka-local", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("usage: bin/kafka-local start  [--port 9092] [--data DIR]"), help.out());

    Launcher.Result none = Launcher.run(t, "kafka-local");
    assertEquals(2, none.exit());
    assertEquals("kafka-local: give a command: start, stop or status\n"
        + "kafka-local: see bin/kafka-local --help", none.err().strip());

    Launcher.Result badPort = Launcher.run(t, "kafka-local", "start", "--port", "99999");
    assertEquals(2, badPort.exit());
    assertTrue(badPort.err().startsWith(
        "kafka-local: --port must be a number between 1 and 65535 (got '99999')"), badPort.err());

    String data = tmp.resolve("kafka").toString();
    Launcher.Result status = Launcher.run(t, "kafka-local", "status", "--data", data);
    assertEquals(3, status.exit());
    assertEquals("kafka-local: not running (data directory " + data + ")", status.out().strip());
    Launcher.Result stop = Launcher.run(t, "kafka-local", "stop", "--data", data);
    assertEquals(0, stop.exit());
    assertEquals("kafka-local: not running (data directory " + data + ")", stop.out().strip());
  }
}
