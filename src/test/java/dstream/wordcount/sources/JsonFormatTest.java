package dstream.wordcount.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.LogCapture;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.UsageErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format json} and {@code --json-field} on the replay source through the production
 * runner: exact counts and lines per batch, and the per-batch log line's exact skip counts for
 * records that are not JSON text. The Kafka lab's values from a real broker are in
 * {@code KafkaSourceTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonFormatTest {
  private static final Pattern SKIPPED = Pattern.compile("batch [0-9:.]+: \\d+ records, (\\d+) skipped \\(not (.*)\\),");
  private static final Pattern RECORDS = Pattern.compile("batch [0-9:.]+: (\\d+) records");
  private static final String BATCH_LOG = "dstream.wordcount.batches";
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  @Test
  void jsonStringsAreCountedAndEverythingElseIsSkippedAndCounted() throws Exception {
    List<String> records = List.of(
        "\"spark streaming\"", "spark streaming", "{\"message\": \"spark\"}",
        "\"caf\\u00e9 spark\"", "[\"spark\"]", "\"\"",
        "\"spark \\\"spark\\\"\"", "42", "\"unterminated");
    List<List<String>> batches = new ArrayList<>();
    String log;
    try (LogCapture capture = LogCapture.of(BATCH_LOG)) {
      batches.addAll(
          Replays.run(spark, tmp, records, 3, "--pipeline", "count", "--format", "json").values());
      log = capture.text();
    }
    assertTrue(batches.size() >= 3, batches.toString());
    assertEquals(Map.of("spark", 1L, "streaming", 1L), Counts.parse(batches.get(0)));
    assertEquals(Map.of("café", 1L, "spark", 1L), Counts.parse(batches.get(1)));
    assertEquals(Map.of("spark", 1L, "\"spark\"", 1L), Counts.parse(batches.get(2)));
    List<String> skips = skips(log);
    assertEquals(List.of("2 a JSON string", "1 a JSON string", "2 a JSON string"),
        skips.subList(0, 3), log);
    assertEquals(List.of("3", "3", "3"), records(log).subList(0, 3),
        "a replay batch reports the lines it read: " + log);
  }

  @Test
  void objectsGiveTheirFieldToGrepAndTheRestIsSkipped() throws Exception {
    List<String> records = List.of(
        "{\"level\": \"INFO\", \"log\": {\"text\": \"all good\"}}",
        "{\"level\": \"ERROR\", \"log\": {\"text\": \"ERROR disk full\"}}",
        "{\"log\": {\"text\": 404}}",
        "\"ERROR as a plain JSON string\"",
        "{\"log\": \"ERROR not an object\"}",
        "ERROR not JSON at all");
    List<List<String>> batches = new ArrayList<>();
    String log;
    try (LogCapture capture = LogCapture.of(BATCH_LOG)) {
      batches.addAll(Replays.run(spark, tmp, records, 3,
          "--pipeline", "grep", "--format", "json", "--json-field", "log.text").values());
      log = capture.text();
    }
    assertEquals(List.of("ERROR disk full"), batches.get(0));
    assertEquals(List.of("ERROR as a plain JSON string"), batches.get(1));
    String expected = "a JSON string or an object with a string at log.text";
    assertEquals(List.of("1 " + expected, "2 " + expected), skips(log).subList(0, 2), log);
  }

  @Test
  void aFieldWithoutTheJsonFormatOrABadPathIsAUsageError() {
    assertEquals("--json-field message reads a field of JSON records: add --format json",
        UsageErrors.usageLine("--source", "replay", "--input", "x", "--json-field", "message"));
    assertEquals("--format must be text or json (got 'xml')",
        UsageErrors.usageLine("--format", "xml"));
    assertEquals("--json-field: 'a..b' is not a field path; write names joined by "
        + "dots, e.g. message or payload.text",
        UsageErrors.usageLine("--format", "json", "--json-field", "a..b"));
  }

  /** "N what" of each batch log line that reports skips, in batch order. */
  private static List<String> records(String log) {
    List<String> out = new ArrayList<>();
    Matcher m = RECORDS.matcher(log);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<String> skips(String log) {
    List<String> out = new ArrayList<>();
    Matcher m = SKIPPED.matcher(log);
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2));
    }
    return out;
  }
}
