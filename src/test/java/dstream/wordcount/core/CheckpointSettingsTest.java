package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checkpoint settings record, without Spark: round trip, differences, refusals. */
class CheckpointSettingsTest {
  private static Map<String, String> settings(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static final Map<String, String> WINDOW = settings(
      "source", "files", "dir", "/data/in", "pipeline", "window", "batch", "1s",
      "tokenizer", "whitespace", "window", "10s", "slide", "5s", "output", "none");

  @Test
  void textRoundTripsIncludingAwkwardValues() throws Exception {
    Map<String, String> awkward = settings("match", "a=b: c # d \\ é\tend", "dir", " lead space");
    CheckpointSettings s = CheckpointSettings.current("3.5.1", awkward);
    CheckpointSettings back = CheckpointSettings.parse(s.toText());
    assertEquals(awkward, back.graph());
    assertEquals("2", back.formatVersion());
    assertEquals("3.5.1", back.sparkVersion());
    assertNull(s.refusal("/c", back));
  }

  @Test
  void anOptionTheRecordDoesNotKnowMatchesOnlyWhenItIsOff() {
    CheckpointSettings older = CheckpointSettings.current("3.5.1", WINDOW);
    Map<String, String> withNewOptions = new LinkedHashMap<>(WINDOW);
    withNewOptions.put("stopwords", "none");
    withNewOptions.put("dashboard", "false");
    withNewOptions.put("format", "text");
    withNewOptions.put("json-field", "none");
    withNewOptions.put("trigger", "batch");
    assertEquals(List.of(),
        CheckpointSettings.current("3.5.1", withNewOptions).differences(older));
    withNewOptions.put("db", "jdbc:sqlite:/tmp/wc.db");
    assertEquals(List.of("db was (not set), now jdbc:sqlite:/tmp/wc.db"),
        CheckpointSettings.current("3.5.1", withNewOptions).differences(older));
    withNewOptions.remove("db");
    withNewOptions.put("trigger", "realtime");
    assertEquals(List.of("trigger was (not set), now realtime"),
        CheckpointSettings.current("3.5.1", withNewOptions).differences(older));
  }

  @Test
  void textListsVersionsThenSettingsInOrder() {
    String text = CheckpointSettings.current("3.5.1", settings("source", "files", "batch", "1s"))
        .toText();
    List<String> lines = text.lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(List.of("format-version=2", "spark-version=3.5.1", "source=files", "batch=1s"), lines);
  }

  @Test
  void sameSettingsMayRecover() throws Exception {
    CheckpointSettings recorded = CheckpointSettings.parse(
        CheckpointSettings.current("3.5.1", WINDOW).toText());
    assertTrue(CheckpointSettings.current("3.5.1", WINDOW).differences(recorded).isEmpty());
    assertNull(CheckpointSettings.current("3.5.1", WINDOW).refusal("/c", recorded));
  }

  @Test
  void differencesNameEachSettingWithBothValues() {
    CheckpointSettings recorded = CheckpointSettings.current("3.5.1", WINDOW);
    Map<String, String> now = new LinkedHashMap<>(WINDOW);
    now.put("window", "20s");
    now.put("slide", "10s");
    CheckpointSettings current = CheckpointSettings.current("3.5.1", now);
    assertEquals(List.of("window was 10s, now 20s", "slide was 5s, now 10s"),
        current.differences(recorded));
    assertEquals("--checkpoint /c holds a job started with other settings (window was 10s, now 20s;"
        + " slide was 5s, now 10s): rerun with the settings recorded in"
        + " wordcount-settings.properties there, or pass a new --checkpoint directory to start"
        + " afresh", current.refusal("/c", recorded));
  }

  @Test
  void settingsOnlyOneSideHasAreDifferences() {
    CheckpointSettings recorded = CheckpointSettings.current("3.5.1", WINDOW);
    CheckpointSettings current = CheckpointSettings.current("3.5.1", settings(
        "source", "files", "dir", "/data/in", "pipeline", "cumulative", "batch", "1s",
        "tokenizer", "whitespace", "checkpoint-interval", "default", "output", "none"));
    assertEquals(List.of(
        "pipeline was window, now cumulative",
        "checkpoint-interval was (not set), now default",
        "window was 10s, now (not set)",
        "slide was 5s, now (not set)"), current.differences(recorded));
  }

  @Test
  void anotherFormatOrSparkVersionIsIncompatible() throws Exception {
    CheckpointSettings current = CheckpointSettings.current("3.5.1", WINDOW);
    CheckpointSettings otherSpark = CheckpointSettings.current("3.4.0", WINDOW);
    assertFalse(current.compatibleWith(otherSpark));
    assertEquals("--checkpoint /c was written by an incompatible version (checkpoint format 2,"
        + " Spark 3.4.0; this build: format 2, Spark 3.5.1): pass a new --checkpoint directory,"
        + " or run the version that wrote it", current.refusal("/c", otherSpark));
    CheckpointSettings oldFormat = CheckpointSettings.parse(
        current.toText().replace("format-version=2", "format-version=0"));
    assertTrue(current.refusal("/c", oldFormat).contains("(checkpoint format 0, Spark 3.5.1;"));
    CheckpointSettings noVersion = CheckpointSettings.parse("source=files\n");
    assertTrue(current.refusal("/c", noVersion)
        .contains("(checkpoint format (not set), Spark (not set);"));
  }

  @Test
  void unrecordedCheckpointIsRefused() {
    assertEquals("--checkpoint /c holds a Spark checkpoint without wordcount-settings.properties,"
        + " so it was not written by this version of dstream-wordcount: pass a new --checkpoint"
        + " directory", CheckpointSettings.unrecorded("/c"));
  }
}
