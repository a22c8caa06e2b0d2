package dstream.wordcount.engine.dstream;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.run.CheckpointClaim;
import dstream.wordcount.run.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage and configuration errors of the windowed/stateful pipelines, the files source and
 * checkpoint directories, through {@link Main#run}: exit code 2 and the exact one-line message,
 * all before Spark starts. A checkpoint is stood for by a file named like Spark's
 * ({@code checkpoint-<time>}), which is all the check looks at; CheckpointRecoveryTest refuses a
 * real one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointAndWindowUsageTest {
  @TempDir Path tmp;

  @Test
  void windowAndSlideMustBeMultiplesOfTheBatch() {
    assertUsage("--window 10s is not a multiple of --batch 300ms; use e.g. 9900ms or 10200ms",
        "--pipeline", "window", "--batch", "300ms");
    assertUsage("--slide 10s is not a multiple of --batch 300ms; use e.g. 9900ms or 10200ms",
        "--pipeline", "errors", "--batch", "300ms");
    assertUsage("--window 500ms is not a multiple of --batch 2s; use e.g. 2s",
        "--pipeline", "count-window", "--batch", "2s", "--window", "500ms", "--slide", "2s");
  }

  @Test
  void statsTakesAWindowOnlyWithWindow() {
    assertUsage("--slide needs --window: stats is per batch unless --window D gives it a window",
        "--pipeline", "stats", "--slide", "2s");
    assertUsage("--checkpoint-interval needs --window: stats is per batch unless --window D gives"
        + " it a window", "--pipeline", "stats", "--checkpoint-interval", "10s");
    assertUsage("--window 1500ms is not a multiple of --batch 1s; use e.g. 1s or 2s",
        "--pipeline", "stats", "--window", "1500ms");
  }

  @Test
  void slideMustNotExceedTheWindow() {
    assertUsage("--slide 3s is longer than --window 2s: the slide must be at most the window",
        "--pipeline", "top", "--window", "2s", "--slide", "3s");
  }

  @Test
  void checkpointIntervalMustBeAMultipleOfTheSlideOrBatch() {
    assertUsage("--checkpoint-interval 3s is not a multiple of --slide 2s; use e.g. 2s or 4s",
        "--pipeline", "window", "--window", "4s", "--slide", "2s", "--checkpoint-interval", "3s");
    assertUsage("--checkpoint-interval 1200ms is not a multiple of --batch 500ms; use e.g. 1s or 1500ms",
        "--pipeline", "cumulative", "--batch", "500ms", "--checkpoint-interval", "1200ms");
  }

  @Test
  void filesSourceNeedsAnExistingDirectory() throws Exception {
    assertUsage("--source files needs --dir DIR: the directory to watch for new files",
        "--source", "files");
    Path missing = tmp.resolve("missing");
    assertUsage("--dir " + missing + ": no such directory; create it first (mkdir -p " + missing + ")",
        "--source", "files", "--dir", missing.toString());
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    assertUsage("--dir " + file + " is not a directory; give the directory new files are moved into",
        "--source", "files", "--dir", file.toString());
  }

  @Test
  void replayRefusesANonEmptyCheckpointDirectory() throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "a b\n");
    Path dir = Files.createDirectories(tmp.resolve("ck"));
    Files.writeString(dir.resolve("checkpoint-1000"), "");
    assertUsage("--checkpoint " + dir + " is not empty, but a replay job cannot be recovered"
        + " (Spark's queueStream is not checkpointable): pass an empty or new --checkpoint"
        + " directory, or leave --checkpoint out",
        "--source", "replay", "--input", input.toString(), "--checkpoint", dir.toString());
  }

  @Test
  void checkpointMustBeADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("ck"), "");
    assertUsage("--checkpoint " + file + " is a file; give a directory (it is created when missing)",
        "--pipeline", "cumulative", "--checkpoint", file.toString());
  }

  /** A files/window job with a 4s window checkpointing to {@code dir}. */
  private List<String> windowJob(Path dir) throws Exception {
    return windowJob(dir, "4s");
  }

  /** A files/window job with {@code window} checkpointing to {@code dir}, plus {@code extra}. */
  private List<String> windowJob(Path dir, String window, String... extra) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    List<String> args = new ArrayList<>(List.of("--source", "files", "--dir", in.toString(),
        "--pipeline", "window", "--window", window, "--slide", "2s", "--checkpoint", dir.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  /** Records the settings of {@code args} as a first run would, then fakes Spark's checkpoint. */
  private static void firstRun(List<String> args, Path dir) throws Exception {
    Job o = Job.parse(args.toArray(new String[0]), null);
    assertFalse(CheckpointedContext.prepare(o), "nothing to recover");
    assertTrue(Files.isRegularFile(dir.resolve(CheckpointSettings.FILE_NAME)));
    Files.writeString(dir.resolve("checkpoint-1000"), "");
  }

  @Test
  void sameSettingsRecoverOthersAreRefusedNamingTheDifference() throws Exception {
    Path dir = tmp.resolve("ck");
    List<String> first = windowJob(dir);
    firstRun(first, dir);
    Job same = Job.parse(first.toArray(new String[0]), null);
    assertTrue(CheckpointedContext.prepare(same), "recovers");
    assertUsage("--checkpoint " + dir + " holds a job started with other settings (window was 4s,"
        + " now 6s; output was none, now /tmp/out): rerun with the settings recorded in"
        + " wordcount-settings.properties there, or pass a new --checkpoint directory to start"
        + " afresh",
        windowJob(dir, "6s", "--output", "/tmp/out").toArray(new String[0]));
  }

  @Test
  void settingsWithoutACheckpointAreSimplyRewritten() throws Exception {
    Path dir = tmp.resolve("ck");
    Job first = Job.parse(windowJob(dir).toArray(new String[0]), null);
    assertFalse(CheckpointedContext.prepare(first));
    Job other = Job.parse(windowJob(dir, "8s").toArray(new String[0]), null);
    assertFalse(CheckpointedContext.prepare(other),
        "no Spark checkpoint yet: nothing old would run");
    assertTrue(Files.readString(dir.resolve(CheckpointSettings.FILE_NAME)).contains("window=8s\n"));
  }

  @Test
  void checkpointOfAnotherVersionIsRefused() throws Exception {
    Path dir = tmp.resolve("ck");
    List<String> args = windowJob(dir);
    firstRun(args, dir);
    Path record = dir.resolve(CheckpointSettings.FILE_NAME);
    Files.writeString(record, Files.readString(record).replace("format-version=2", "format-version=0"));
    String spark = CheckpointClaim.sparkVersion();
    assertUsage("--checkpoint " + dir + " was written by an incompatible version (checkpoint"
        + " format 0, Spark " + spark + "; this build: format 2, Spark " + spark + "): pass a new"
        + " --checkpoint directory, or run the version that wrote it", args.toArray(new String[0]));
    Files.delete(record);
    assertUsage("--checkpoint " + dir + " holds a Spark checkpoint without"
        + " wordcount-settings.properties, so it was not written by this version of"
        + " dstream-wordcount: pass a new --checkpoint directory", args.toArray(new String[0]));
  }

  @Test
  void recordListsTheGraphSettings() throws Exception {
    Path dir = tmp.resolve("ck");
    firstRun(windowJob(dir), dir);
    List<String> lines = Files.readAllLines(dir.resolve(CheckpointSettings.FILE_NAME)).stream()
        .filter(l -> !l.startsWith("#")).toList();
    assertEquals(List.of("format-version=2", "spark-version=" + CheckpointClaim.sparkVersion(),
        "source=files", "dir=" + tmp.resolve("in"), "format=text", "json-field=none",
        "engine=dstream", "pipeline=window", "trigger=batch", "batch=1s", "event-time=none", "watermark=none",
        "tokenizer=whitespace", "stopwords=none", "window=4s", "slide=2s", "checkpoint-interval=default",
        "no-print=false", "print-limit=20", "output=none", "db=none",
        "db-table-prefix=wordcount_", "mongo=none", "dashboard=false"), lines);
  }
}
