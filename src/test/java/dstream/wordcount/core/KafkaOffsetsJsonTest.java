package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Spark's Kafka offsets JSON, read and written, and where a query starts for a group. */
class KafkaOffsetsJsonTest {

  @Test
  void parsesTheOffsetLogLineOfSparksKafkaSource() {
    assertEquals(Map.of("words", Map.of(0, 42L, 1, 17L), "other", Map.of(0, 0L)),
        KafkaOffsetsJson.parse("{\"words\":{\"1\":17,\"0\":42},\"other\":{\"0\":0}}"));
    assertEquals(Map.of("big", Map.of(3, 9_000_000_000L)),
        KafkaOffsetsJson.parse(" {\"big\" : {\"3\" : 9000000000}} "));
    assertEquals(Map.of(), KafkaOffsetsJson.parse("{}"));
  }

  @Test
  void refusesWhatIsNotOffsetsNamingTheProblem() {
    assertEquals("Kafka offsets JSON [1]: not a JSON object", message("[1]"));
    assertEquals("Kafka offsets JSON {\"t\":5}: topic 't' is not an object of partitions",
        message("{\"t\":5}"));
    assertEquals("Kafka offsets JSON {\"t\":{\"x\":5}}: 'x' of topic 't' is not a partition number",
        message("{\"t\":{\"x\":5}}"));
    assertEquals("Kafka offsets JSON {\"t\":{\"-1\":5}}: '-1' of topic 't' is not a partition number",
        message("{\"t\":{\"-1\":5}}"));
    assertEquals("Kafka offsets JSON {\"t\":{\"0\":\"5\"}}: offset of t-0 is not a whole number",
        message("{\"t\":{\"0\":\"5\"}}"));
    assertEquals("Kafka offsets JSON {\"t\":{\"0\":1.5}}: offset of t-0 is not a whole number",
        message("{\"t\":{\"0\":1.5}}"));
    assertEquals("Kafka offsets JSON null: not a JSON object", message(null));
    assertThrows(IllegalArgumentException.class, () -> KafkaOffsetsJson.parse("{} {}"));
    assertThrows(IllegalArgumentException.class, () -> KafkaOffsetsJson.parse("{\"t\":"));
  }

  private static String message(String json) {
    return assertThrows(IllegalArgumentException.class, () -> KafkaOffsetsJson.parse(json))
        .getMessage();
  }

  @Test
  void writesSortedJsonThatParsesBack() {
    Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
    offsets.put("words", Map.of(10, -2L, 2, 23L, 1, -1L));
    offsets.put("a", Map.of(0, 5L));
    String json = KafkaOffsetsJson.format(offsets);
    assertEquals("{\"a\":{\"0\":5},\"words\":{\"1\":-1,\"2\":23,\"10\":-2}}", json);
    assertEquals(offsets, KafkaOffsetsJson.parse(json));
  }

  @Test
  void startsAtTheGroupsOffsetsAndElsewhereWhereNewGroupsStart() {
    Map<String, List<Integer>> partitions = new TreeMap<>(Map.of(
        "words", List.of(0, 1, 2), "fresh", List.of(0)));
    // The group also has an offset of a topic not read now, and none for words-1.
    Map<String, Map<Integer, Long>> committed = Map.of(
        "words", Map.of(0, 23L, 2, 0L), "elsewhere", Map.of(0, 99L));
    var start = KafkaOffsetsJson.startingOffsets(partitions, committed, KafkaOffsetsJson.EARLIEST);
    assertEquals(Map.of("words", Map.of(0, 23L, 1, -2L, 2, 0L), "fresh", Map.of(0, -2L)), start);
    assertEquals("{\"fresh\":{\"0\":-2},\"words\":{\"0\":23,\"1\":-2,\"2\":0}}",
        KafkaOffsetsJson.format(start));
    assertEquals(2, KafkaOffsetsJson.committedCount(start));

    assertEquals(Map.of("words", Map.of(0, -1L, 1, -1L, 2, -1L), "fresh", Map.of(0, -1L)),
        KafkaOffsetsJson.startingOffsets(partitions, Map.of(), KafkaOffsetsJson.LATEST));
    assertThrows(IllegalArgumentException.class,
        () -> KafkaOffsetsJson.startingOffsets(partitions, committed, 7));
  }
}
