package dstream.wordcount.cli;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.Main;
import dstream.wordcount.text.LineIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every usage error of the CLI contract, through {@link Main#run}: exit 2 and exactly one line on
 * stderr. These fail before any Spark work starts, so no SparkContext is needed (but for the
 * structured replay's over-long line, found when its session has started).
 */
class UsageErrorsTest {
  @TempDir Path tmp;

  @Test
  void unknownSourceOrPipeline() {
    assertUsage("unknown --source 'ftp'; choose one of demo, socket, replay, files, kafka, tail",
        "--source", "ftp");
    assertUsage("unknown --pipeline 'sum'; choose one of count, filter, grep, stats, window,"
        + " count-window, errors, top, cumulative, state, sql", "--pipeline", "sum");
  }

  @Test
  void replayInputProblems() throws Exception {
    assertUsage("--source replay needs --input FILE: the file to replay", "--source", "replay");
    Path missing = tmp.resolve("missing.txt");
    assertUsage("--input " + missing + ": no such file", "--source", "replay", "--input", missing.toString());
    assertUsage("--input " + tmp + ": not a readable file", "--source", "replay", "--input", tmp.toString());
    Path file = Files.writeString(tmp.resolve("in.txt"), "a b\n");
    assertUsage("--lines-per-batch must be at least 1 (got 0)",
        "--source", "replay", "--input", file.toString(), "--lines-per-batch", "0");
    // A file without line breaks (8 GB of them took the driver's heap): refused before Spark.
    Path huge = Files.writeString(tmp.resolve("huge.txt"),
        "ok\n" + "x".repeat(LineIndex.MAX_LINE_BYTES + 1) + "\n");
    for (String engine : new String[] {"dstream", "structured"}) {
      assertUsage("--input " + huge + ": line 2 is longer than 16 MiB, the longest line a source"
          + " reads; is it a text file with line breaks?", "--engine", engine, "--source",
          "replay", "--input", huge.toString());
    }
  }

  @Test
  void badDurationsAndPorts() {
    assertUsage("--batch must be positive (got '-2s')", "--batch", "-2s");
    assertUsage("--slide: '5 seconds' is not a duration; write e.g. 500ms, 2s or 1m", "--slide", "5 seconds");
    assertUsage("--port must be between 1 and 65535 (got 65536)", "--source", "socket", "--port", "65536");
  }

  @Test
  void receiverSourcesNeedASpareCore() {
    assertUsage("--master local gives the socket receiver the only core, so no batch would ever be "
        + "processed; use local[2] or more", "--source", "socket", "--master", "local");
    assertUsage("--master local[1] gives the demo receiver the only core, so no batch would ever be "
        + "processed; use local[2] or more", "--master", "local[1]");
  }

  @Test
  void outputPrefixWhoseParentCannotBeCreated() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    String prefix = file.resolve("sub/wc").toString();
    assertUsage("--output " + prefix + ": cannot create directory " + file.resolve("sub")
        + " (not a directory); choose a writable location", "--output", prefix);
  }

  /**
   * {@code /proc} takes no new file even from root, whom every permission check lets through:
   * refused before Spark starts instead of at the first batch's write.
   */
  @Test
  void outputAndCheckpointWhereNoFileCanBeCreatedAreRefusedUpFront() {
    String why = Files.isWritable(Path.of("/proc"))
        ? "cannot create a file in /proc (proc file system); choose a writable location"
        : "user " + System.getProperty("user.name") + " may not write to /proc; choose a location "
            + System.getProperty("user.name") + " may write to, or ask its owner to open it"
            + " (hdfs dfs -chmod / -chown)";
    assertUsage("--output /proc/wc: " + why, "--output", "/proc/wc");
    assertUsage("--checkpoint /proc/cp: " + why, "--pipeline", "cumulative", "--checkpoint",
        "/proc/cp");
  }

  @Test
  void emptyHostAndEmptyOutputPrefix() {
    assertUsage("--host must not be empty; give the line server's name or address, e.g. localhost",
        "--source", "socket", "--host", "");
    assertUsage("--host must not be empty; give the line server's name or address, e.g. localhost",
        "--source", "socket", "--host", "  ");
    assertUsage("--output must not be empty; give a path prefix such as /tmp/wc, or leave the option out",
        "--output", "");
  }

  @Test
  void flowControlKeysThatWouldCountNothingAreRefusedOnBothEngines() throws Exception {
    String[][] refused = {
        {"spark.streaming.receiver.maxRate = -5", "conf key spark.streaming.receiver.maxRate=-5:"
            + " give a whole number of records per second, at least 1"},
        {"spark.streaming.receiver.maxRate = 0", "conf key spark.streaming.receiver.maxRate=0:"
            + " give a whole number of records per second, at least 1"},
        {"spark.streaming.backpressure.initialRate = fast", "conf key"
            + " spark.streaming.backpressure.initialRate=fast: give a whole number of records per"
            + " second, at least 1"},
        {"spark.streaming.kafka.maxRatePerPartition = -1", "conf key"
            + " spark.streaming.kafka.maxRatePerPartition=-1: give a whole number of records per"
            + " second and partition, or 0 for no ceiling"},
        {"spark.wordcount.kafka.maxOffsetsPerTrigger = 1e6", "conf key"
            + " spark.wordcount.kafka.maxOffsetsPerTrigger=1e6: give a whole number of records per"
            + " trigger, or 0 for no ceiling"},
        {"spark.streaming.backpressure.enabled = yes",
            "conf key spark.streaming.backpressure.enabled=yes: write true or false"},
        {"spark.streaming.backpressure.pid.minRate = 0",
            "conf key spark.streaming.backpressure.pid.minRate=0: give a number above 0 (records"
                + " per second)"},
        {"spark.streaming.backpressure.pid.integral = -0.1",
            "conf key spark.streaming.backpressure.pid.integral=-0.1: give a number, 0 or more"},
    };
    for (String[] r : refused) {
      Path conf = Files.writeString(tmp.resolve("flow.properties"), r[0] + "\n");
      for (String engine : new String[] {"dstream", "structured"}) {
        assertUsage(r[1], "--engine", engine, "--conf", conf.toString());
      }
    }
  }

  @Test
  void sparkMasterInTheConfFileIsHonouredLikeMaster() throws Exception {
    // local[1] is refused for the demo receiver: the refusal proves which master the run took.
    Path conf = Files.writeString(tmp.resolve("master.properties"), "spark.master = local[1]\n");
    assertUsage("--master local[1] gives the demo receiver the only core, so no batch would ever"
        + " be processed; use local[2] or more", "--conf", conf.toString());
    // The structured engine's demo holds no receiver core, so local[1] runs there: the option.
    assertEquals("local[1]", Options.parse(new String[] {"--engine", "structured", "--conf",
        conf.toString()}, null, dstream.wordcount.run.Job.components()).master());
    Path both = Files.writeString(tmp.resolve("both.properties"),
        "master = local[2]\nspark.master = local[3]\n");
    assertUsage("the conf file sets master = local[2] and spark.master = local[3]; keep one of them",
        "--conf", both.toString());
    Options o = Options.parse(new String[] {"--conf", conf.toString(), "--master", "local[4]"},
        null, dstream.wordcount.run.Job.components());
    assertEquals("local[4]", o.master(), "the command line first");
  }

  /** --event-time and --watermark: what each needs, said in one line before anything starts. */
  @Test
  void eventTimeNeedsTheStructuredEngineAWindowAndATimeTheSourceHas() {
    assertUsage("--event-time is for --engine structured: DStreams window by the batch a record"
        + " arrived in, never by its own time; add --engine structured, or leave it out for"
        + " windows over the batch time", "--pipeline", "window", "--event-time", "arrival");
    assertUsage("--watermark is the allowed lateness of event-time windows: add --event-time"
        + " record, arrival or json:FIELD", "--engine", "structured", "--pipeline", "window",
        "--watermark", "5s");
    assertUsage("--event-time must be record, arrival or json:FIELD (got 'now')", "--engine",
        "structured", "--pipeline", "window", "--event-time", "now");
    assertUsage("--event-time record is the Kafka record's timestamp, and --source demo has none;"
        + " use arrival, or json:FIELD with --format json", "--engine", "structured",
        "--pipeline", "window", "--event-time", "record");
    assertUsage("--event-time json:ts reads a field of JSON records: add --format json",
        "--engine", "structured", "--pipeline", "window", "--event-time", "json:ts");
    assertUsage("--event-time sets the time of windows, and --pipeline count has none here: use"
        + " window, count-window, errors, top, or stats or sql with --window", "--engine",
        "structured", "--pipeline", "count", "--event-time", "arrival");
    assertUsage("--event-time sets the time of windows, and --pipeline stats has none here: use"
        + " window, count-window, errors, top, or stats or sql with --window", "--engine",
        "structured", "--pipeline", "stats", "--event-time", "arrival");
  }
}
