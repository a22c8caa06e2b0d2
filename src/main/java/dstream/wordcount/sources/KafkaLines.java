package dstream.wordcount.sources;

import dstream.wordcount.live.RunState;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;

/**
 * An open Kafka source: the direct stream over {@code topics}, its record values as lines, and the
 * offset commit registered after the graph's outputs. Driver-side only: closures capture the
 * input DStream (which Spark checkpoints itself) and strings, never this object.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
final class KafkaLines implements OpenedSource {
  private final String brokers;
  private final List<String> topics;
  private final String groupId;
  private final String startingOffsets;
  private final HashMap<String, Object> params;
  private final KafkaOffsets.Progress progress;
  private JavaInputDStream<ConsumerRecord<byte[], String>> input;

  KafkaLines(String brokers, List<String> topics, String groupId, String startingOffsets,
      HashMap<String, Object> params, RunState run) {
    this.brokers = brokers;
    this.topics = List.copyOf(topics);
    this.groupId = groupId;
    this.startingOffsets = startingOffsets;
    this.params = params;
    this.progress = KafkaOffsets.beginRun(groupId + "@" + brokers, params);
    run.put(KafkaOffsets.Progress.class, progress);
  }

  @Override
  public JavaDStream<String> createStream(JavaStreamingContext ssc) {
    input = KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
        ConsumerStrategies.<byte[], String>Subscribe(topics, params));
    return input.filter(KafkaLines::isLine).map(KafkaLines::value);
  }

  private static String value(ConsumerRecord<byte[], String> record) {
    return record.value();
  }

  /** A record without a value (a tombstone) carries no line; one over the limit is skipped. */
  private static Boolean isLine(ConsumerRecord<byte[], String> r) {
    return r.value() != null && KafkaSource.withinLineLimit(r.serializedValueSize(), r.topic(),
        r.partition(), r.offset());
  }

  @Override
  public void afterOutputs(JavaStreamingContext ssc) {
    InputDStream<ConsumerRecord<byte[], String>> stream = input.inputDStream();
    input.foreachRDD((rdd, time) -> KafkaOffsets.commitAfterOutputs(stream, rdd.rdd(), time));
  }

  @Override
  public String banner() {
    return "reading topic(s) " + String.join(",", topics) + " at " + brokers + " as group "
        + groupId + " (a partition without committed offsets starts at the " + startingOffsets + ")";
  }

  @Override
  public void close() {
    progress.end();
  }
}
