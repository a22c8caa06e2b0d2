package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kafka}: the values of the records of {@code --topics}, one line each, read by Spark's
 * Kafka 0-10 <em>direct</em> stream ({@code KafkaUtils.createDirectStream} with
 * {@code LocationStrategies.PreferConsistent} and {@code ConsumerStrategies.Subscribe}): no
 * receiver, one Spark partition per Kafka partition, each batch an exact offset range.
 *
 * <p>Run it: {@code bin/kafka-local start}, {@code bin/produce --topic words --demo}, then
 * {@code bin/run-wordcount --source kafka --topics words --pipeline grep --match important}.
 *
 * <p>Offsets: auto-commit is off. Without a checkpoint, a batch's offsets are committed to Kafka
 * ({@code commitAsync}) after its outputs succeeded, and the last processed batch is committed
 * synchronously when the job stops, so a restart in the same {@code --group-id} goes on where the
 * last run stopped (at-least-once after a crash). With a checkpoint, offsets are recovered from it.
 * See {@link KafkaOffsets}.
 *
 * <p>Before Spark starts, {@link KafkaAdmin} asks the brokers (bounded) whether they answer and
 * the topics exist, so a wrong address or topic is a clear one-line error, not a hang; while it
 * runs, {@link BrokerWatch} says when they are away and fails the job when a topic is deleted.
 */
public final class KafkaSource extends Plugin<KafkaSource.Settings>
    implements Source<KafkaSource.Settings> {
  public static final OptionSpec BROKERS =
      OptionSpec.text("brokers", "LIST", "bootstrap servers", "localhost:9092").shaping();
  public static final OptionSpec TOPICS =
      OptionSpec.list("topics", "LIST", "comma-separated topics", null).shaping();
  public static final OptionSpec GROUP_ID =
      OptionSpec.text("group-id", "G", "consumer group", "dstream-wordcount").shaping();
  /** Not recorded: a checkpoint holds its offsets, and a new group's start does not shape the graph. */
  public static final OptionSpec STARTING_OFFSETS = OptionSpec.text("starting-offsets", "W",
      "earliest|latest: where a group without committed offsets starts; group: only at the"
          + " group's committed offsets (the hand-over between engines), refused when it has none",
      "latest").notShaping();
  /** {@code --starting-offsets group}. */
  public static final String GROUP = "group";

  /**
   * Whether a record's value of {@code bytes} is within {@link LineLimit}; a longer one is said
   * (WARN, naming it) and skipped, on both engines. The broker bounds a record already
   * ({@code message.max.bytes}, 1 MiB by default), so only a broker set above the limit lets one
   * through.
   */
  public static boolean withinLineLimit(long bytes, String topic, int partition, long offset) {
    if (bytes <= LineLimit.MAX_LINE_BYTES) {
      return true;
    }
    LOG.warn(LineLimit.skipped("kafka",
        "the record at offset " + offset + " of " + topic + "-" + partition));
    return false;
  }

  /** Where partitions without a committed offset start, for the banners of both engines. */
  public static String withoutCommits(Settings o) {
    return o.startingOffsets().equals(GROUP) ? "earliest (a partition added since)"
        : o.startingOffsets();
  }

  /**
   * What the source reads and how.
   *
   * @param kafkaConf the conf file's {@code kafka.*} keys, prefix removed
   */
  public record Settings(String brokers, List<String> topics, String groupId,
      String startingOffsets, Map<String, String> kafkaConf) {}

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);

  /**
   * Session timeout of the driver's consumer. Kafka's 45 s default would make a restart after a
   * crash wait that long for the dead consumer to leave the group; heartbeats come from a
   * background thread, so a short timeout costs nothing. {@code kafka.session.timeout.ms} wins.
   */
  static final String SESSION_TIMEOUT_MS = "10000";

  public KafkaSource() {
    super("kafka",
        "record values of --topics at --brokers (direct stream; offsets committed after output)",
        v -> new Settings(v.text(BROKERS), v.list(TOPICS), v.text(GROUP_ID),
            v.choice(STARTING_OFFSETS, "earliest", "latest", GROUP), v.kafkaConf()),
        BROKERS, TOPICS, GROUP_ID, STARTING_OFFSETS);
  }

  @Override
  public void validate(Settings o, Options job) throws UsageException {
    if (o.topics().isEmpty()) {
      throw new UsageException("--source kafka needs --" + TOPICS.name()
          + " T[,T2...]: the topics to read (bin/produce --topic T creates a topic)");
    }
  }

  @Override
  public OpenedSource open(Settings o, Options job, RunState run) throws UsageException, IOException {
    validate(o, job);
    KafkaAdmin.requireBrokersAndTopics(o.brokers(), o.topics(), o.kafkaConf());
    if (o.startingOffsets().equals(GROUP)) {
      KafkaAdmin.requireCommittedOffsets(o.brokers(), o.groupId(), o.topics(), o.kafkaConf());
    }
    BrokerWatch.start(o, job.batchMs(), run);
    return new KafkaLines(o.brokers(), o.topics(), o.groupId(), withoutCommits(o),
        consumerParams(o), run);
  }

  /**
   * The driver consumer's parameters: our defaults, then every {@code kafka.*} key of the conf
   * file (security settings, timeouts...), then what the options decide, which always wins.
   */
  static HashMap<String, Object> consumerParams(Settings o) {
    HashMap<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.putAll(o.kafkaConf());
    if ("true".equalsIgnoreCase(o.kafkaConf().get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG))) {
      LOG.warn("kafka.enable.auto.commit=true ignored: offsets are committed after each batch's output");
    }
    for (String fromOptions : new String[] {ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG}) {
      if (o.kafkaConf().containsKey(fromOptions)) {
        LOG.warn("kafka.{} ignored: the option --{} sets it", fromOptions, optionFor(fromOptions));
      }
    }
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.brokers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, o.groupId());
    // group: a partition the group has no offset for (added since) starts at its beginning.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        o.startingOffsets().equals(GROUP) ? "earliest" : o.startingOffsets());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return p;
  }

  private static String optionFor(String consumerKey) {
    switch (consumerKey) {
      case ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG: return BROKERS.name();
      case ConsumerConfig.GROUP_ID_CONFIG: return GROUP_ID.name();
      default: return STARTING_OFFSETS.name();
    }
  }
}
