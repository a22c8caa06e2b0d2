package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** {@link JsonText}: what a JSON record's text is, and which records are skipped (null). */
class JsonTextTest {
  private static final JsonText STRINGS = JsonText.of(null);
  private static final JsonText MESSAGE = JsonText.of("message");
  private static final JsonText NESTED = JsonText.of("a.b");

  @Test
  void aJsonStringIsItsText() {
    // What the Kafka lab's producer sends: json.dumps(message).
    assertEquals("This is an important message", STRINGS.text("\"This is an important message\""));
    assertEquals("  spaced  ", STRINGS.text(" \"  spaced  \" "));
    assertEquals("", STRINGS.text("\"\""));
    // With a field, a plain JSON string is still its own text.
    assertEquals("plain", MESSAGE.text("\"plain\""));
  }

  @Test
  void aStringLongerThanJacksonsDefaultLimitIsRead() {
    // 21,000,000 characters: over Jackson's default maxStringLength of 20,000,000, which used to
    // skip this record as "not a JSON string".
    String text = "ab ".repeat(7_000_000);
    assertEquals(text, STRINGS.text("\"" + text + "\""));
    assertEquals(text, MESSAGE.text("{\"message\": \"" + text + "\"}"));
  }

  @Test
  void escapesAndUnicodeAreDecoded() {
    assertEquals("say \"hi\"\\now", STRINGS.text("\"say \\\"hi\\\"\\\\now\""));
    assertEquals("two\nlines\ttab", STRINGS.text("\"two\\nlines\\ttab\""));
    assertEquals("café", STRINGS.text("\"caf\\u00e9\""));
    assertEquals("café ☕ 😀", STRINGS.text("\"café ☕ \\ud83d\\ude00\""));
  }

  @Test
  void anObjectGivesTheStringAtThePath() {
    assertEquals("hello world", MESSAGE.text("{\"id\": 7, \"message\": \"hello world\"}"));
    assertEquals("deep", NESTED.text("{\"a\": {\"b\": \"deep\", \"c\": 1}}"));
    assertEquals("x", JsonText.of("p.q.r").text("{\"p\":{\"q\":{\"r\":\"x\"}}}"));
    assertEquals("a.b", NESTED.field());
  }

  @Test
  void missingFieldsAndOtherTypesAreSkipped() {
    assertNull(MESSAGE.text("{\"text\": \"no message field\"}"));
    assertNull(MESSAGE.text("{\"message\": 42}"), "a number is not text");
    assertNull(MESSAGE.text("{\"message\": true}"), "a boolean is not text");
    assertNull(MESSAGE.text("{\"message\": null}"));
    assertNull(MESSAGE.text("{\"message\": [\"a\"]}"));
    assertNull(MESSAGE.text("{\"message\": {\"x\": \"y\"}}"));
    assertNull(NESTED.text("{\"a\": \"not an object\"}"));
    assertNull(NESTED.text("{\"a\": {\"c\": \"no b\"}}"));
    assertNull(STRINGS.text("{\"message\": \"an object, but no --json-field\"}"));
  }

  @Test
  void arraysNumbersAndOtherValuesAreSkipped() {
    assertNull(STRINGS.text("[\"a\", \"b\"]"));
    assertNull(MESSAGE.text("[{\"message\": \"in an array\"}]"));
    assertNull(STRINGS.text("42"));
    assertNull(STRINGS.text("true"));
    assertNull(STRINGS.text("null"));
  }

  @Test
  void malformedRecordsAreSkipped() {
    assertNull(STRINGS.text("This is an important message"), "text that is not JSON");
    assertNull(STRINGS.text("\"unterminated"));
    assertNull(MESSAGE.text("{\"message\": \"x\""));
    assertNull(STRINGS.text("\"one\" \"two\""), "two values are not one record");
    assertNull(STRINGS.text("\"bad escape \\q\""));
    assertNull(STRINGS.text(""));
    assertNull(STRINGS.text("   "));
    assertNull(STRINGS.text(null));
  }

  @Test
  void aPathWithAnEmptySegmentIsRefused() {
    for (String bad : new String[] {"", "a..b", ".a", "a."}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JsonText.of(bad));
      assertEquals("'" + bad + "' is not a field path; write names joined by dots, e.g. message"
          + " or payload.text", e.getMessage());
    }
  }

  @Test
  void survivesSerializationAsACheckpointedClosureNeeds() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(NESTED);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      JsonText back = (JsonText) in.readObject();
      assertEquals(NESTED, back);
      assertEquals("deep", back.text("{\"a\": {\"b\": \"deep\"}}"));
    }
  }
}
