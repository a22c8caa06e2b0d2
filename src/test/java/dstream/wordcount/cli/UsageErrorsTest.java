package dstream.wordcount.cli;

import static dstream.wordcount.testing.UsageErrors.assertUsage;

import dstream.wordcount.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every usage error of the CLI contract, through {@link Main#run}: exit 2 and exactly one line on
 * stderr. These fail before any Spark work starts, so no SparkContext is needed.
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

  @Test
  void emptyHostAndEmptyOutputPrefix() {
    assertUsage("--host must not be empty; give the line server's name or address, e.g. localhost",
        "--source", "socket", "--host", "");
    assertUsage("--host must not be empty; give the line server's name or address, e.g. localhost",
        "--source", "socket", "--host", "  ");
    assertUsage("--output must not be empty; give a path prefix such as /tmp/wc, or leave the option out",
        "--output", "");
  }
}
