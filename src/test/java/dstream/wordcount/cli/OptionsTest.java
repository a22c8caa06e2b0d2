package dstream.wordcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.core.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {
  @TempDir Path tmp;

  private static Options parse(String... args) throws UsageException {
    return Options.fromArgs(args, null);
  }

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void defaultsMatchTheDesignTable() throws Exception {
    Options o = parse();
    assertEquals("demo", o.source());
    assertEquals("count", o.pipeline());
    assertEquals("local[2]", o.master());
    assertEquals(1000, o.batchMs());
    assertEquals(0, o.durationMs());
    assertNull(o.output());
    assertTrue(o.print());
    assertNull(o.checkpoint());
    assertEquals(Tokenizer.WHITESPACE, o.tokenizer());
    assertEquals(3, o.minLength());
    assertEquals("ERROR", o.match());
    assertEquals(10_000, o.windowMs());
    assertEquals(5_000, o.slideMs());
    assertEquals(10, o.top());
    assertEquals("localhost", o.host());
    assertEquals(9999, o.port());
    assertEquals(1000, o.linesPerBatch());
    assertEquals("localhost:9092", o.brokers());
    assertEquals(List.of(), o.topics());
    assertEquals("dstream-wordcount", o.groupId());
    assertEquals("latest", o.startingOffsets());
    assertFalse(o.help());
  }

  @Test
  void errorsPipelineHasItsOwnWindowDefaults() throws Exception {
    Options o = parse("--pipeline", "errors");
    assertEquals(30_000, o.windowMs());
    assertEquals(10_000, o.slideMs());
    assertEquals(20_000, parse("--pipeline", "errors", "--window", "20s").windowMs());
  }

  @Test
  void durationsUseSparkUnits() throws Exception {
    assertEquals(500, parse("--batch", "500ms").batchMs());
    assertEquals(2_000, parse("--batch", "2s").batchMs());
    assertEquals(60_000, parse("--batch", "1m").batchMs());
    assertEquals(90_000, parse("--duration", "90s").durationMs());
  }

  @Test
  void badDurationsAreNamedWithTheFix() {
    assertEquals("--batch needs a unit, e.g. 2s or 2ms", error("--batch", "2"));
    assertEquals("--batch must be positive (got '-1s')", error("--batch", "-1s"));
    assertEquals("--window: 'soon' is not a duration; write e.g. 500ms, 2s or 1m",
        error("--window", "soon"));
    assertEquals("--duration must be positive (got '0s')", error("--duration", "0s"));
  }

  @Test
  void numbersAreRangeChecked() {
    assertEquals("--port must be between 1 and 65535 (got 70000)", error("--port", "70000"));
    assertEquals("--port must be between 1 and 65535 (got 0)", error("--port", "0"));
    assertEquals("--lines-per-batch must be at least 1 (got 0)", error("--lines-per-batch", "0"));
    assertEquals("--top must be a whole number (got 'ten')", error("--top", "ten"));
  }

  @Test
  void choicesAreChecked() {
    assertEquals("--tokenizer must be whitespace or words (got 'regex')", error("--tokenizer", "regex"));
    assertEquals("--starting-offsets must be earliest or latest (got 'newest')",
        error("--starting-offsets", "newest"));
  }

  @Test
  void unknownOptionsAndStrayArguments() {
    assertEquals("Unrecognized option: --colour (see --help)", error("--colour", "red"));
    assertEquals("unexpected argument 'count': options are written --name value",
        error("--source", "demo", "count"));
    assertEquals("Missing argument for option: batch (see --help)", error("--batch"));
  }

  @Test
  void confFileSitsBetweenCommandLineAndDefaults() throws Exception {
    Path conf = tmp.resolve("wc.properties");
    Files.writeString(conf, String.join("\n",
        "# comment", "pipeline = filter", "batch = 2s", "min-length = 5", "no-print = true",
        "spark.ui.enabled = false", "kafka.security.protocol = SSL", "topics = a, b"));
    Options o = Options.fromArgs(new String[] {"--conf", conf.toString(), "--batch", "500ms"}, null);
    assertEquals("filter", o.pipeline());
    assertEquals(500, o.batchMs(), "the command line wins");
    assertEquals(5, o.minLength());
    assertFalse(o.print());
    assertEquals(List.of("a", "b"), o.topics());
    assertEquals(Map.of("spark.ui.enabled", "false"), o.sparkConf());
    assertEquals(Map.of("security.protocol", "SSL"), o.kafkaConf());
  }

  @Test
  void defaultConfFileIsReadWhenPresent() throws Exception {
    Path conf = tmp.resolve("default.properties");
    Files.writeString(conf, "pipeline = grep\n");
    assertEquals("grep", Options.fromArgs(new String[0], conf).pipeline());
    assertEquals("count", Options.fromArgs(new String[0], tmp.resolve("absent")).pipeline());
  }

  @Test
  void shippedConfFileChangesNoDefault() throws Exception {
    Path shipped = Path.of(System.getProperty("project.basedir", "."), "conf/wordcount.properties");
    assertTrue(Files.exists(shipped));
    Options fromFile = Options.fromArgs(new String[0], shipped);
    Options builtIn = parse();
    assertEquals(builtIn.pipeline(), fromFile.pipeline());
    assertEquals(builtIn.batchMs(), fromFile.batchMs());
    assertEquals(builtIn.master(), fromFile.master());
    assertEquals(Map.of(), fromFile.sparkConf());
  }

  @Test
  void confFileProblemsAreUsageErrors() throws IOException {
    Path conf = tmp.resolve("bad.properties");
    Files.writeString(conf, "colour = red\n");
    assertEquals(conf + ": unknown key 'colour'; keys are option names without dashes, spark.* or kafka.*",
        error("--conf", conf.toString()));
    assertEquals("--conf " + tmp.resolve("nope") + ": no such readable file",
        error("--conf", tmp.resolve("nope").toString()));
  }

  @Test
  void helpIsAFlag() throws Exception {
    assertTrue(parse("--help").help());
    assertTrue(parse("-h").help());
  }
}
