package dstream.wordcount.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Kafka offsets in the JSON form of Spark's Kafka source, {@code {"topic":{"0":42,"1":17}}}: the
 * form Spark writes to a checkpoint's offset log (a micro-batch's end offsets) and reads as the
 * {@code startingOffsets} option, where {@value #EARLIEST} means the earliest offset and
 * {@value #LATEST} the latest. Offsets are held as topic, then partition, then offset, sorted, so
 * the JSON written and the logs are stable.
 *
 * <p>Plain Java, parsed by Spark's own Jackson; unit-tested alone.
 */
public final class KafkaOffsetsJson {
  /** {@code startingOffsets}: the partition's earliest offset. */
  public static final long EARLIEST = -2;
  /** {@code startingOffsets}: the partition's latest offset. */
  public static final long LATEST = -1;

  /** Trailing tokens make {@code {} {}} malformed rather than the first object. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private KafkaOffsetsJson() {}

  /**
   * Parses {@code {"topic":{"0":42,...},...}}.
   *
   * @throws IllegalArgumentException when the text is not an object of topics, each an object of
   *     partition numbers to whole-number offsets
   */
  public static SortedMap<String, SortedMap<Integer, Long>> parse(String json) {
    JsonNode root;
    try {
      root = json == null ? null : MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(json, e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw malformed(json, "not a JSON object");
    }
    SortedMap<String, SortedMap<Integer, Long>> offsets = new TreeMap<>();
    for (Map.Entry<String, JsonNode> topic : root.properties()) {
      if (!topic.getValue().isObject()) {
        throw malformed(json, "topic '" + topic.getKey() + "' is not an object of partitions");
      }
      SortedMap<Integer, Long> partitions = new TreeMap<>();
      for (Map.Entry<String, JsonNode> p : topic.getValue().properties()) {
        if (!p.getValue().isIntegralNumber() || !p.getValue().canConvertToLong()) {
          throw malformed(json, "offset of " + topic.getKey() + "-" + p.getKey()
              + " is not a whole number");
        }
        partitions.put(partition(json, topic.getKey(), p.getKey()), p.getValue().longValue());
      }
      offsets.put(topic.getKey(), partitions);
    }
    return offsets;
  }

  private static int partition(String json, String topic, String key) {
    try {
      int p = Integer.parseInt(key);
      if (p >= 0) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw malformed(json, "'" + key + "' of topic '" + topic + "' is not a partition number");
  }

  private static IllegalArgumentException malformed(String json, String why) {
    return new IllegalArgumentException("Kafka offsets JSON " + json + ": " + why);
  }

  /** The JSON of {@code offsets}, topics and partitions in order. */
  public static String format(Map<String, ? extends Map<Integer, Long>> offsets) {
    ObjectNode root = MAPPER.createObjectNode();
    new TreeMap<>(offsets).forEach((topic, partitions) -> {
      ObjectNode t = root.putObject(topic);
      new TreeMap<>(partitions).forEach((p, offset) -> t.put(Integer.toString(p), offset));
    });
    return root.toString();
  }

  /**
   * Where a query starts: each partition of {@code partitions} at its offset in {@code committed}
   * (a consumer group's), the others at {@code otherwise} ({@link #EARLIEST} or {@link #LATEST}).
   * Every partition is listed because Spark refuses specific starting offsets that leave one out.
   *
   * @param partitions the partition numbers of each topic read
   * @param committed the group's committed offsets; partitions of other topics are left out
   */
  public static SortedMap<String, SortedMap<Integer, Long>> startingOffsets(
      Map<String, List<Integer>> partitions, Map<String, ? extends Map<Integer, Long>> committed,
      long otherwise) {
    if (otherwise != EARLIEST && otherwise != LATEST) {
      throw new IllegalArgumentException("otherwise must be EARLIEST or LATEST, not " + otherwise);
    }
    SortedMap<String, SortedMap<Integer, Long>> start = new TreeMap<>();
    partitions.forEach((topic, numbers) -> {
      Map<Integer, Long> done = committed.containsKey(topic) ? committed.get(topic) : Map.of();
      SortedMap<Integer, Long> t = new TreeMap<>();
      for (int p : numbers) {
        Long offset = done.get(p);
        t.put(p, offset != null && offset >= 0 ? offset : otherwise);
      }
      start.put(topic, Collections.unmodifiableSortedMap(t));
    });
    return start;
  }

  /** How many partitions of {@code start} begin at a committed offset (not earliest or latest). */
  public static int committedCount(Map<String, ? extends Map<Integer, Long>> start) {
    int n = 0;
    for (Map<Integer, Long> partitions : start.values()) {
      for (long offset : partitions.values()) {
        if (offset >= 0) {
          n++;
        }
      }
    }
    return n;
  }
}
