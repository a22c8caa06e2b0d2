package dstream.wordcount.tools;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.sources.KafkaAdmin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bin/produce}: sends lines to a Kafka topic as record values with Kafka's own producer, and
 * prints each send like a classic console producer ({@code Sent message 1: This is an important message}).
 *
 * <pre>
 * bin/produce --topic T [--brokers localhost:9092] [--input FILE | --input - | --demo]
 *             [--interval D] [--count N] [--partitions N] [--conf FILE]
 * </pre>
 * {@code --conf FILE} takes the file's {@code kafka.*} keys (prefix removed) for the producer and
 * the admin client, like the {@code kafka} source, so a TLS/SASL cluster can be fed.
 * Lines come from a file, from stdin ({@code --input -}, or no input option), or, with
 * {@code --demo}, from seven demo messages in a loop (in order, so runs are reproducible). A missing topic is created with {@code --partitions} partitions
 * (default 1) and the broker's default replication; lines go to the partitions in turn. Exit 2 on
 * usage errors, 1 when the broker cannot be reached (within about 15 s) or a send fails.
 */
public final class ProduceMain {
  private static final String PROGRAM = "produce";

  /** The demo messages, in a fixed order. */
  public static final List<String> DEMO_MESSAGES = List.of(
      "This is an important message",
      "This is a regular message",
      "Another important update",
      "Just a normal event",
      "Critical important alert",
      "Random data here",
      "Important notification received");

  /** Asynchronous sends in flight before the oldest is awaited (when there is no --interval). */
  private static final int IN_FLIGHT = 1_000;

  private ProduceMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the tool and returns its exit code. */
  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    ProduceSettings s;
    try {
      s = ProduceSettings.parse(args);
    } catch (UsageException e) {
      return ToolCli.fail(err, PROGRAM, e.getMessage(), ToolCli.EXIT_USAGE);
    }
    if (s == null) {
      ProduceSettings.printHelp(out);
      return 0;
    }
    try {
      int partitions = ensureTopic(s, err);
      err.println(PROGRAM + ": sending to topic " + s.topic() + " at " + s.brokers() + " ("
          + partitions + " partition" + (partitions == 1 ? "" : "s") + ", lines in turn)");
      send(s, partitions, lines(s, stdin), out);
      return 0;
    } catch (UsageException e) {
      return ToolCli.fail(err, PROGRAM, e.getMessage(), ToolCli.EXIT_USAGE);
    } catch (IOException | KafkaException | UncheckedIOException e) {
      return ToolCli.fail(err, PROGRAM, e.getMessage(), ToolCli.EXIT_FAILURE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ToolCli.EXIT_FAILURE;
    }
  }

  /** Creates the topic if it is missing; returns its number of partitions. */
  private static int ensureTopic(ProduceSettings s, PrintStream err) throws IOException, UsageException {
    Admin admin = KafkaAdmin.admin(s.brokers(), s.kafkaConf());
    try {
      Set<String> names = KafkaAdmin.await(admin.listTopics().names(), s.brokers());
      if (!names.contains(s.topic())) {
        try {
          KafkaAdmin.await(admin.createTopics(List.of(
              new NewTopic(s.topic(), Optional.of(s.partitions()), Optional.empty()))).all(), s.brokers());
          err.println(PROGRAM + ": created topic " + s.topic() + " with " + s.partitions()
              + " partition" + (s.partitions() == 1 ? "" : "s"));
        } catch (IOException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      TopicDescription d = KafkaAdmin.await(admin.describeTopics(List.of(s.topic())).allTopicNames(), s.brokers())
          .get(s.topic());
      return d.partitions().size();
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  private static Iterator<String> lines(ProduceSettings s, InputStream stdin) throws IOException {
    if (s.demo()) {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return true;
        }

        @Override
        public String next() {
          return DEMO_MESSAGES.get(next++ % DEMO_MESSAGES.size());
        }
      };
    }
    InputStream in = s.input() == null || s.input().equals("-")
        ? stdin : Files.newInputStream(Path.of(s.input()));
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().iterator();
  }

  /** Sends every line; prints each one once the broker has acknowledged it, in order. */
  private static void send(ProduceSettings s, int partitions, Iterator<String> lines, PrintStream out)
      throws IOException, InterruptedException {
    Properties p = producerProperties(s);
    Deque<Pending> pending = new ArrayDeque<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      long n = 0;
      while (lines.hasNext() && (s.count() < 0 || n < s.count())) {
        String line = lines.next();
        n++;
        int partition = (int) ((n - 1) % partitions);
        pending.add(new Pending(n, line,
            producer.send(new ProducerRecord<>(s.topic(), partition, null, line))));
        if (s.intervalMs() > 0 || pending.size() >= IN_FLIGHT) {
          report(pending.poll(), out, s.brokers());
        }
        if (s.intervalMs() > 0) {
          Thread.sleep(s.intervalMs());
        }
        while (!pending.isEmpty() && pending.peek().future.isDone()) {
          report(pending.poll(), out, s.brokers());
        }
      }
      producer.flush();
      while (!pending.isEmpty()) {
        report(pending.poll(), out, s.brokers());
      }
    }
  }

  /**
   * The producer's configuration: our defaults, then the conf file's {@code kafka.*} keys a
   * producer knows (security settings, so a TLS/SASL cluster can be fed; consumer-only keys of the
   * same file are skipped), then {@code --brokers}, which always wins, as in the source.
   */
  static Properties producerProperties(ProduceSettings s) {
    Properties p = new Properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(KafkaAdmin.ANSWER_TIMEOUT_MS));
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "dstream-wordcount-produce");
    Set<String> known = ProducerConfig.configNames();
    s.kafkaConf().forEach((k, v) -> {
      if (known.contains(k)) {
        p.put(k, v);
      }
    });
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.brokers());
    return p;
  }

  private static void report(Pending sent, PrintStream out, String brokers)
      throws IOException, InterruptedException {
    try {
      sent.future.get();
    } catch (ExecutionException e) {
      throw new IOException("message " + sent.number + " was not delivered to " + brokers + ": "
          + e.getCause().getMessage(), e.getCause());
    }
    out.println("Sent message " + sent.number + ": " + sent.line);
    out.flush();
  }

  private record Pending(long number, String line, Future<RecordMetadata> future) {}
}
