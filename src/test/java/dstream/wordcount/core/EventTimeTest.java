package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --event-time}'s values, the JSON field's time formats, and a record's time and text. */
class EventTimeTest {
  @Test
  void parsesTheThreeKindsAndTheWatermarkDefaultsToOneWindow() {
    assertEquals(new EventTime(EventTime.Kind.RECORD, null, -1), EventTime.parse("record", -1));
    assertEquals(new EventTime(EventTime.Kind.ARRIVAL, null, 2000), EventTime.parse("arrival", 2000));
    EventTime json = EventTime.parse("json:payload.ts", -1);
    assertEquals(EventTime.Kind.JSON, json.kind());
    assertEquals(List.of("payload", "ts"), json.jsonPath());
    assertEquals(10_000, json.watermarkMs(10_000));
    assertEquals(0, EventTime.parse("record", 0).watermarkMs(10_000));
    assertEquals("must be record, arrival or json:FIELD (got 'kafka')",
        assertThrows(IllegalArgumentException.class, () -> EventTime.parse("kafka", -1))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> EventTime.parse("json:", -1));
    assertThrows(IllegalArgumentException.class, () -> EventTime.parse("json:a..b", -1));
  }

  @Test
  void aFieldsTimeIsIsoWithAnOffsetOrEpochMilliseconds() {
    assertEquals(1_000L, EventTime.millis("1970-01-01T00:00:01Z"));
    assertEquals(1_250L, EventTime.millis("1970-01-01T01:00:01.250+01:00"));
    assertEquals(1_796_534_936_775L, EventTime.millis("1796534936775"));
    assertEquals(42L, EventTime.millis(42L));
    assertEquals(42L, EventTime.millis(42));
    assertNull(EventTime.millis("1970-01-01T00:00:01"), "no offset: whose clock?");
    assertNull(EventTime.millis("yesterday"));
    assertNull(EventTime.millis(""));
    assertNull(EventTime.millis("99999999999999999999"));
    assertNull(EventTime.millis(1.5));
    assertNull(EventTime.millis(null));
  }

  @Test
  void aRecordsTextAndTimeComeFromOneParse() {
    JsonText json = JsonText.of("message");
    List<String> ts = List.of("ts");
    assertEquals(new JsonText.Timed("a b", 3_000),
        json.timed("{\"message\":\"a b\",\"ts\":3000}", ts));
    assertEquals(new JsonText.Timed("a", 1_000),
        json.timed("{\"message\":\"a\",\"ts\":\"1970-01-01T00:00:01Z\"}", ts));
    assertEquals(new JsonText.Timed("x", 7),
        JsonText.of("m").timed("{\"m\":\"x\",\"meta\":{\"at\":\"7\"}}", List.of("meta", "at")));
    assertNull(json.timed("{\"message\":\"a\"}", ts), "no time");
    assertNull(json.timed("{\"message\":\"a\",\"ts\":2.5}", ts), "not whole milliseconds");
    assertNull(json.timed("{\"message\":\"a\",\"ts\":true}", ts));
    assertNull(json.timed("{\"ts\":1}", ts), "no text");
    assertNull(json.timed("\"a JSON string has no fields\"", ts));
    assertNull(json.timed("{not json", ts));
  }
}
