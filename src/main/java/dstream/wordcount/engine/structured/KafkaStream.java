package dstream.wordcount.engine.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.udf;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.EventTime;
import dstream.wordcount.core.KafkaOffsetsJson;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.SparkConfs;
import dstream.wordcount.sources.BrokerWatch;
import dstream.wordcount.sources.KafkaAdmin;
import dstream.wordcount.sources.KafkaSource;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kafka} on the structured engine: the values of the records of {@code --topics}, one
 * string each, read by Spark's Structured Streaming Kafka source ({@code format("kafka")},
 * {@code subscribe}); records without a value (tombstones) carry no line and are dropped, as on
 * the DStream engine.
 *
 * <p>Where a query starts. A query restarted from its checkpoint goes on from the offsets there
 * (Spark ignores {@code startingOffsets} then). A new query starts each partition at the offset
 * {@code --group-id} has committed, and the partitions the group has none for at
 * {@code --starting-offsets}: so a structured job goes on where a DStream job, or an earlier
 * structured job, of the same group left off.
 *
 * <p>Commits. Structured Streaming keeps its offsets in the checkpoint and never commits them to a
 * consumer group. The {@link StreamInput#afterBatch()} of this source does: once a micro-batch's
 * outputs succeeded, its end offsets are committed to {@code --group-id} with the admin client's
 * {@code alterConsumerGroupOffsets}, so lag tools and a later job of either engine see the
 * progress. A failed commit is logged, tried again every few seconds, and the query goes on (its
 * checkpoint has the offsets); a group with an active member (a DStream job of the same group
 * running now, or killed less than a session timeout ago) refuses commits from outside.
 *
 * <p>Per-trigger ceiling ({@code maxOffsetsPerTrigger}): the DStream engine's ceiling,
 * {@code spark.streaming.kafka.maxRatePerPartition} records per second per partition (the
 * conf file's, else the project's default in {@link SparkConfs#FLOW_CONTROL}; 0 for none), times the partitions read, times {@code --batch} in
 * seconds. The conf key {@value #MAX_OFFSETS_KEY} sets the ceiling directly (0 for none).
 *
 * <p>Every {@code kafka.*} key of the conf file (security settings...) goes to Spark's consumers
 * as {@code kafka.<key>} and to the admin client; keys the options decide, or that Spark refuses,
 * are left out with one warning.
 */
public final class KafkaStream implements StructuredSource<KafkaSource.Settings> {
  /** Conf key: the per-trigger ceiling of records, overriding the one derived from the rate. */
  public static final String MAX_OFFSETS_KEY = SparkConfs.MAX_OFFSETS_PER_TRIGGER;
  /** The DStream engine's per-partition rate ceiling, records per second. */
  static final String MAX_RATE_KEY = SparkConfs.KAFKA_MAX_RATE;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStream.class);
  /** Calls still retrying when the run ends are abandoned, not awaited. */
  private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(2);
  /** Consumer keys of the conf file that are not passed to Spark, and why. */
  private static final Map<String, String> NOT_PASSED = notPassed();

  private final KafkaSource declaration = new KafkaSource();

  private static Map<String, String> notPassed() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "--brokers sets it");
    m.put(ConsumerConfig.GROUP_ID_CONFIG,
        "--group-id names the group offsets are committed to; Spark's consumers use their own");
    m.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "the group's offsets, else --starting-offsets, decide where reading starts");
    m.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets are committed after each batch's outputs");
    m.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "Spark reads keys as bytes");
    m.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "Spark reads values as bytes");
    m.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, "Spark's Kafka source refuses interceptors");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Recoverable: the checkpoint holds the offsets, and Spark resumes from them. */
  @Override
  public String notRecoverable() {
    return null;
  }

  @Override
  public StreamInput open(KafkaSource.Settings o, Options job, RunState run, SparkSession spark)
      throws UsageException, IOException {
    return open(o, job, run, spark, false);
  }

  /**
   * Under {@code --event-time record}, each record's time is its Kafka timestamp (the producer's
   * create time, or the broker's log-append time, as the topic says); else the batch time.
   */
  @Override
  public StreamInput openTimed(KafkaSource.Settings o, Options job, RunState run,
      SparkSession spark, long drainBatches) throws UsageException, IOException {
    EventTime e = job.eventTime();
    return e != null && e.kind() == EventTime.Kind.RECORD ? open(o, job, run, spark, true)
        : StructuredSource.super.openTimed(o, job, run, spark, drainBatches);
  }

  private StreamInput open(KafkaSource.Settings o, Options job, RunState run, SparkSession spark,
      boolean recordTimes) throws UsageException, IOException {
    declaration.validate(o, job);
    KafkaAdmin.requireBrokersAndTopics(o.brokers(), o.topics(), o.kafkaConf());
    if (o.startingOffsets().equals(KafkaSource.GROUP)) {
      KafkaAdmin.requireCommittedOffsets(o.brokers(), o.groupId(), o.topics(), o.kafkaConf());
    }
    Admin admin = KafkaAdmin.admin(o.brokers(), o.kafkaConf());
    try {
      Map<String, List<Integer>> partitions = partitions(admin, o);
      SortedMap<String, SortedMap<Integer, Long>> start = KafkaOffsetsJson.startingOffsets(
          partitions, KafkaAdmin.committedOffsets(admin, o.brokers(), o.groupId(), o.topics()),
          "latest".equals(o.startingOffsets()) ? KafkaOffsetsJson.LATEST : KafkaOffsetsJson.EARLIEST);
      int partitionCount = partitions.values().stream().mapToInt(List::size).sum();
      if (job.realTime()) {
        RealTimeRun.requireTaskSlots(job.master(), partitionCount, o.topics());
      }
      // Real-time mode reads each record as it comes, and Spark refuses a ceiling there.
      long ceiling = job.realTime() ? 0
          : maxOffsetsPerTrigger(job.sparkConf(), partitionCount, job.batchMs());
      Dataset<Row> rows = reader(spark, o, KafkaOffsetsJson.format(start), ceiling).load()
          .where(col("value").isNotNull().and(withinLineLimit()))
          .selectExpr("CAST(value AS STRING) AS value", "timestamp AS time");
      Dataset<String> records = rows.select("value").as(Encoders.STRING());
      LOG.info("kafka: group {} has committed offsets for {} of {} partitions; per-trigger "
          + "ceiling {}", o.groupId(), KafkaOffsetsJson.committedCount(start), partitionCount,
          ceiling == 0 ? "none" : ceiling + " records");
      run.closeAtEnd(() -> admin.close(ADMIN_CLOSE_TIMEOUT));
      BrokerWatch.start(o, job.batchMs(), run);
      GroupCommit commit = new GroupCommit(admin, o.groupId(), o.brokers());
      run.closeAtEnd(commit); // closed before the admin client it commits with
      StreamInput input = new StreamInput(records, banner(o), -1, null, commit);
      return recordTimes ? input.withTimed(rows) : input;
    } catch (UsageException | IOException | RuntimeException e) {
      admin.close(ADMIN_CLOSE_TIMEOUT);
      throw e;
    }
  }

  /**
   * A value within the line limit; a longer one is said and skipped. The length test is Spark's
   * own, so a record costs no call into Java unless it is too long (OR short-circuits).
   */
  private static Column withinLineLimit() {
    UserDefinedFunction skipped = udf((UDF4<Integer, String, Integer, Long, Boolean>)
        (bytes, topic, partition, offset) ->
            KafkaSource.withinLineLimit(bytes, topic, partition, offset), DataTypes.BooleanType);
    return length(col("value")).leq(LineLimit.MAX_LINE_BYTES).or(
        skipped.apply(length(col("value")), col("topic"), col("partition"), col("offset")));
  }

  private static String banner(KafkaSource.Settings o) {
    return "reading topic(s) " + String.join(",", o.topics()) + " at " + o.brokers()
        + " from the offsets committed by group " + o.groupId()
        + " (partitions without start at the " + KafkaSource.withoutCommits(o)
        + "), committing each batch's offsets to it";
  }

  /** The Kafka source of Spark with our options; conf values are never logged (credentials). */
  private static DataStreamReader reader(SparkSession spark, KafkaSource.Settings o,
      String startingOffsets, long ceiling) {
    DataStreamReader r = spark.readStream().format("kafka")
        .option("kafka.bootstrap.servers", o.brokers())
        .option("subscribe", String.join(",", o.topics()))
        .option("startingOffsets", startingOffsets);
    passedConf(o.kafkaConf()).forEach((k, v) -> r.option("kafka." + k, v));
    if (ceiling > 0) {
      r.option("maxOffsetsPerTrigger", ceiling);
    }
    return r;
  }

  /**
   * The conf file's {@code kafka.*} keys Spark's consumers get; one warning names those left out
   * (an explicit {@code enable.auto.commit=false} agrees with us and is dropped silently).
   */
  static Map<String, String> passedConf(Map<String, String> kafkaConf) {
    Map<String, String> passed = new TreeMap<>();
    List<String> ignored = new ArrayList<>();
    kafkaConf.forEach((k, v) -> {
      if (!NOT_PASSED.containsKey(k)) {
        passed.put(k, v);
      } else if (!(k.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG) && "false".equalsIgnoreCase(v))) {
        ignored.add("kafka." + k + " (" + NOT_PASSED.get(k) + ")");
      }
    });
    if (!ignored.isEmpty()) {
      LOG.warn("ignored by the kafka source: {}", String.join("; ", ignored));
    }
    return passed;
  }

  /** The partition numbers of each topic, as the brokers describe them now. */
  private static Map<String, List<Integer>> partitions(Admin admin, KafkaSource.Settings o)
      throws IOException {
    Map<String, TopicDescription> described =
        KafkaAdmin.await(admin.describeTopics(o.topics()).allTopicNames(), o.brokers());
    Map<String, List<Integer>> partitions = new TreeMap<>();
    described.forEach((topic, d) -> partitions.put(topic,
        d.partitions().stream().map(TopicPartitionInfo::partition).sorted().toList()));
    return partitions;
  }

  /** The offsets {@code --group-id} has committed for the topics read (none for a new group). */

  /**
   * The per-trigger ceiling of records, 0 for none: {@value #MAX_OFFSETS_KEY} when set, else
   * {@value #MAX_RATE_KEY} (default: {@link SparkConfs#FLOW_CONTROL}'s) times {@code partitions}
   * times the batch interval in seconds, at least 1.
   *
   * @param sparkConf the conf file's {@code spark.*} keys
   */
  static long maxOffsetsPerTrigger(Map<String, String> sparkConf, int partitions, long batchMs)
      throws UsageException {
    String direct = sparkConf.get(MAX_OFFSETS_KEY);
    if (direct != null) {
      return RateCeiling.wholeNumber(MAX_OFFSETS_KEY, direct, "records per trigger");
    }
    return RateCeiling.perTrigger(sparkConf, MAX_RATE_KEY, "records per second and partition",
        partitions, batchMs);
  }
}
