package dstream.wordcount.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.sources.KafkaAdmin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/produce --conf FILE}: the file's {@code kafka.*} keys reach the producer and the admin
 * client (the keys each knows), the job's other keys are ignored, {@code --brokers} wins. No broker
 * is needed: the configurations are what the clients are built from.
 */
class ProduceConfTest {
  @TempDir Path tmp;

  private Path conf() throws Exception {
    return Files.writeString(tmp.resolve("wordcount.properties"), String.join("\n",
        "# the job's conf file, shared with bin/produce",
        "pipeline = cumulative",
        "spark.ui.enabled = false",
        "kafka.security.protocol = SASL_SSL",
        "kafka.sasl.mechanism = SCRAM-SHA-512",
        "kafka.ssl.truststore.location = /etc/kafka/truststore.jks",
        "kafka.bootstrap.servers = elsewhere:9093",
        "kafka.linger.ms = 50",
        "kafka.group.id = only-for-consumers",
        ""));
  }

  private static Map<String, String> asMap(Properties p) {
    Map<String, String> m = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }

  @Test
  void kafkaKeysReachTheProducerAndTheAdminClient() throws Exception {
    ProduceSettings s = ProduceSettings.parse(new String[] {
        "--topic", "lab", "--brokers", "127.0.0.1:19092", "--conf", conf().toString()});

    Map<String, String> producer = new TreeMap<>();
    producer.put("acks", "all");
    producer.put("bootstrap.servers", "127.0.0.1:19092");
    producer.put("client.id", "dstream-wordcount-produce");
    producer.put("delivery.timeout.ms", "30000");
    producer.put("linger.ms", "50");
    producer.put("max.block.ms", "15000");
    producer.put("request.timeout.ms", "10000");
    producer.put("sasl.mechanism", "SCRAM-SHA-512");
    producer.put("security.protocol", "SASL_SSL");
    producer.put("ssl.truststore.location", "/etc/kafka/truststore.jks");
    assertEquals(producer, asMap(ProduceMain.producerProperties(s)));

    assertEquals(Map.of(
        "bootstrap.servers", "127.0.0.1:19092",
        "client.id", "dstream-wordcount-check",
        "default.api.timeout.ms", "15000",
        "request.timeout.ms", "15000",
        "sasl.mechanism", "SCRAM-SHA-512",
        "security.protocol", "SASL_SSL",
        "ssl.truststore.location", "/etc/kafka/truststore.jks"),
        asMap(KafkaAdmin.adminProperties(s.brokers(), s.kafkaConf())));
  }

  @Test
  void withoutConfTheClientsArePlaintextDefaults() throws Exception {
    ProduceSettings s = ProduceSettings.parse(new String[] {"--topic", "lab"});
    Map<String, String> producer = asMap(ProduceMain.producerProperties(s));
    assertEquals("localhost:9092", producer.get("bootstrap.servers"));
    assertEquals(null, producer.get("security.protocol"));
    assertEquals(7, producer.size());
  }

  @Test
  void missingConfFileIsOneUsageLine() {
    Path missing = tmp.resolve("nope.properties");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ProduceMain.run(new String[] {"--topic", "lab", "--conf", missing.toString()},
        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals("produce: --conf " + missing + ": no such readable file\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals(2, code);
  }
}
