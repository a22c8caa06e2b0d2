package dstream.wordcount.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.List;

/**
 * The text of a JSON record, for {@code --format json}: a record that is a JSON string is that
 * string's text (the Kafka lab's producer sends {@code json.dumps(message)}, so a record arrives as
 * {@code "This is an important message"} with the quotes), and a JSON object gives the string at
 * {@code --json-field PATH}, a dotted path such as {@code message} or {@code a.b}. Anything else is
 * skipped: text that is not one complete JSON value, an object without a string at PATH, an array,
 * a number, a boolean or null. A number or boolean at PATH is skipped too rather than read as its
 * digits: a typed field where text was expected is far more often a wrong PATH than words to
 * count, and the skip count in the batch log says so at once.
 *
 * <p>Parsed by Spark's own Jackson (no JSON library of ours); plain Java, no Spark, serializable
 * because the decoding closure captures it. Escapes ({@code \n}, {@code \u00e9}, surrogate pairs)
 * are decoded by Jackson; a decoded newline stays inside the one line it belongs to.
 */
public final class JsonText implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * Thread-safe once configured; trailing tokens make {@code "a" "b"} malformed, not "a". Jackson
   * refuses a string value over 20,000,000 characters by default (a guard for services parsing
   * untrusted payloads), which skipped such a record as "not a JSON string" although it was one.
   * A record is already whole in memory here, and no string in it can be longer than the record,
   * so the only limit that makes sense is the record's own: the string limit is lifted.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String field;
  private final List<String> path;

  private JsonText(String field) {
    this.field = field;
    this.path = field == null ? List.of() : List.of(field.split("\\.", -1));
  }

  /**
   * The decoder for {@code field} (a dotted path), or for JSON strings only when null.
   *
   * @throws IllegalArgumentException when {@code field} has an empty segment ({@code a..b},
   *     {@code .a}, {@code a.})
   */
  public static JsonText of(String field) {
    if (field != null) {
      for (String segment : field.split("\\.", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("'" + field + "' is not a field path; write names "
              + "joined by dots, e.g. message or payload.text");
        }
      }
    }
    return new JsonText(field);
  }

  /** The dotted path, or null when only JSON strings are read. */
  public String field() {
    return field;
  }

  /**
   * The text of {@code record}, or null when it is skipped (see the class comment).
   */
  public String text(String record) {
    return textOf(parse(record));
  }

  /**
   * The text of {@code record} and its time at {@code timePath} ({@link EventTime#millis}), from
   * one parse; null when the record is skipped, for want of either.
   */
  public Timed timed(String record, List<String> timePath) {
    JsonNode node = parse(record);
    String text = textOf(node);
    if (text == null) {
      return null;
    }
    JsonNode time = at(node, timePath);
    Long millis = time == null ? null
        : time.isIntegralNumber() && time.canConvertToLong() ? Long.valueOf(time.longValue())
        : EventTime.millis(time.isTextual() ? time.textValue() : null);
    return millis == null ? null : new Timed(text, millis);
  }

  /** A record's text and its event time in epoch milliseconds. */
  public record Timed(String text, long millis) {}

  private static JsonNode parse(String record) {
    if (record == null) {
      return null;
    }
    try {
      return MAPPER.readTree(record);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private String textOf(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (!node.isObject() || path.isEmpty()) {
      return null;
    }
    node = at(node, path);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static JsonNode at(JsonNode node, List<String> path) {
    if (node == null || !node.isObject()) {
      return null;
    }
    for (String name : path) {
      node = node.get(name);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** What a skipped record was not, for the batch log: "a JSON string", "... with a string at a.b". */
  public String expected() {
    return field == null ? "a JSON string" : "a JSON string or an object with a string at " + field;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonText other && java.util.Objects.equals(field, other.field);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(field);
  }

  @Override
  public String toString() {
    return field == null ? "json" : "json field " + field;
  }
}
