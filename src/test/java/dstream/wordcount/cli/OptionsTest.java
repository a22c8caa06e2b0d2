package dstream.wordcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.outputs.ConsoleOutput;
import dstream.wordcount.outputs.TextFilesOutput;
import dstream.wordcount.pipelines.CountPipeline;
import dstream.wordcount.pipelines.ErrorsPipeline;
import dstream.wordcount.pipelines.FilterPipeline;
import dstream.wordcount.pipelines.GrepPipeline;
import dstream.wordcount.pipelines.TopPipeline;
import dstream.wordcount.pipelines.WindowPipeline;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.KafkaSource;
import dstream.wordcount.sources.ReplaySource;
import dstream.wordcount.sources.SocketSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {
  @TempDir Path tmp;

  private static Job parse(String... args) throws UsageException {
    return Job.parse(args, null);
  }

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void defaultsMatchTheDesignTable() throws Exception {
    Job o = parse();
    assertEquals("demo", o.options().source());
    assertEquals("count", o.options().pipeline());
    assertEquals("local[2]", o.options().master());
    assertEquals(1000, o.options().batchMs());
    assertEquals(0, o.options().durationMs());
    assertNull(o.settings(TextFilesOutput.class).prefix());
    assertTrue(o.settings(ConsoleOutput.class).print());
    assertNull(o.options().checkpoint());
    assertEquals(Tokenizer.WHITESPACE, o.settings(CountPipeline.class).tokenizer());
    assertEquals(3, o.settings(FilterPipeline.class).minLength());
    assertEquals("ERROR", o.settings(GrepPipeline.class).match());
    assertEquals(10_000, o.settings(WindowPipeline.class).windows().windowMs());
    assertEquals(5_000, o.settings(WindowPipeline.class).windows().slideMs());
    assertEquals(10, o.settings(TopPipeline.class).top());
    assertEquals("localhost", o.settings(SocketSource.class).host());
    assertEquals(9999, o.settings(SocketSource.class).port());
    assertEquals(1000, o.settings(ReplaySource.class).linesPerBatch());
    assertEquals("localhost:9092", o.settings(KafkaSource.class).brokers());
    assertEquals(List.of(), o.settings(KafkaSource.class).topics());
    assertEquals("dstream-wordcount", o.settings(KafkaSource.class).groupId());
    assertEquals("latest", o.settings(KafkaSource.class).startingOffsets());
    assertFalse(o.options().help());
  }

  @Test
  void errorsPipelineHasItsOwnWindowDefaults() throws Exception {
    Job o = parse("--pipeline", "errors");
    assertEquals(30_000, o.settings(ErrorsPipeline.class).windows().windowMs());
    assertEquals(10_000, o.settings(ErrorsPipeline.class).windows().slideMs());
    assertEquals(20_000, parse("--pipeline", "errors", "--window", "20s")
        .settings(ErrorsPipeline.class).windows().windowMs());
  }

  @Test
  void durationsUseSparkUnits() throws Exception {
    assertEquals(500, parse("--batch", "500ms").options().batchMs());
    assertEquals(2_000, parse("--batch", "2s").options().batchMs());
    assertEquals(60_000, parse("--batch", "1m").options().batchMs());
    assertEquals(90_000, parse("--duration", "90s").options().durationMs());
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
    assertEquals("--starting-offsets must be earliest or latest or group (got 'newest')",
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
    Job o = Job.parse(new String[] {"--conf", conf.toString(), "--batch", "500ms"}, null);
    assertEquals("filter", o.options().pipeline());
    assertEquals(500, o.options().batchMs(), "the command line wins");
    assertEquals(5, o.settings(FilterPipeline.class).minLength());
    assertFalse(o.settings(ConsoleOutput.class).print());
    assertEquals(List.of("a", "b"), o.settings(KafkaSource.class).topics());
    assertEquals(Map.of("spark.ui.enabled", "false"), o.options().sparkConf());
    assertEquals(Map.of("security.protocol", "SSL"), o.options().kafkaConf());
  }

  @Test
  void defaultConfFileIsReadWhenPresent() throws Exception {
    Path conf = tmp.resolve("default.properties");
    Files.writeString(conf, "pipeline = grep\n");
    assertEquals("grep", Job.parse(new String[0], conf).options().pipeline());
    assertEquals("count", Job.parse(new String[0], tmp.resolve("absent")).options().pipeline());
  }

  @Test
  void shippedConfFileChangesNoDefault() throws Exception {
    Path shipped = Path.of(System.getProperty("project.basedir", "."), "conf/wordcount.properties");
    assertTrue(Files.exists(shipped));
    Job fromFile = Job.parse(new String[0], shipped);
    Job builtIn = parse();
    assertEquals(builtIn.options().pipeline(), fromFile.options().pipeline());
    assertEquals(builtIn.options().batchMs(), fromFile.options().batchMs());
    assertEquals(builtIn.options().master(), fromFile.options().master());
    assertEquals(Map.of(), fromFile.options().sparkConf());
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
    assertTrue(parse("--help").options().help());
    assertTrue(parse("-h").options().help());
  }
}
