package dstream.wordcount.core;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code --event-time}: where a record's own time comes from when windows are event-time windows
 * (the structured engine only), and {@code --watermark}, how late a record may be. Plain Java:
 * parsed by the CLI, read by the structured engine, and {@link #millis} runs on the executors.
 *
 * @param kind where the time comes from
 * @param jsonField for {@link Kind#JSON}, the dotted path of the field, else null
 * @param watermarkMs {@code --watermark}, or -1 for the default: one window
 */
public record EventTime(Kind kind, String jsonField, long watermarkMs) implements Serializable {
  /** The sources of a record's time. */
  public enum Kind {
    /** The Kafka record's timestamp. */
    RECORD,
    /** The time the record arrived: the micro-batch's time. */
    ARRIVAL,
    /** A field of the JSON record: ISO-8601 text or epoch milliseconds. */
    JSON
  }

  /** What {@code --event-time} takes, for its help and errors. */
  public static final String CHOICES = "record, arrival or json:FIELD";

  /**
   * Parses {@code --event-time}'s value.
   *
   * @throws IllegalArgumentException with the one-line reason, when it is none of the choices
   */
  public static EventTime parse(String text, long watermarkMs) {
    if (text.equals("record")) {
      return new EventTime(Kind.RECORD, null, watermarkMs);
    }
    if (text.equals("arrival")) {
      return new EventTime(Kind.ARRIVAL, null, watermarkMs);
    }
    if (text.startsWith("json:")) {
      String field = text.substring("json:".length());
      JsonText.of(field.isEmpty() ? "." : field); // the same path rules as --json-field
      return new EventTime(Kind.JSON, field, watermarkMs);
    }
    throw new IllegalArgumentException("must be " + CHOICES + " (got '" + text + "')");
  }

  /** The allowed lateness: {@code --watermark}, else one window of {@code windowMs}. */
  public long watermarkMs(long windowMs) {
    return watermarkMs >= 0 ? watermarkMs : windowMs;
  }

  /** The dotted path of {@link #jsonField}. */
  public List<String> jsonPath() {
    return List.of(jsonField.split("\\.", -1));
  }

  /**
   * A JSON field's value as epoch milliseconds: a whole number is milliseconds, text is ISO-8601
   * with an offset ({@code 2026-12-06T10:15:30Z}, {@code 2026-12-06T11:15:30.250+01:00}) or
   * milliseconds in digits; null for anything else (the record is then skipped and counted).
   */
  public static Long millis(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      return null;
    }
    if (s.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s)).toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
