package dstream.wordcount.engine.dstream;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.run.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stopwords FILE} before Spark starts, through {@link Main#run}: a missing or unreadable
 * file is exit 2 with one line, and the checkpoint settings record holds the file's content hash,
 * so a restart after the file changed is refused (a recovered graph would still hold the old
 * words). A checkpoint is stood for by a file named like Spark's, as in
 * CheckpointAndWindowUsageTest.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StopWordsUsageTest {
  @TempDir Path tmp;

  @Test
  void missingOrUnreadableFileIsAUsageError() throws Exception {
    Path missing = tmp.resolve("missing.txt");
    assertUsage("--stopwords " + missing + ": no such file; give a file of stop words, one per line",
        "--stopwords", missing.toString());
    assertUsage("--stopwords " + tmp + ": not a readable file", "--pipeline", "window",
        "--stopwords", tmp.toString());
  }

  @Test
  void aChangedFileIsRefusedOnRestart() throws Exception {
    Path stop = Files.writeString(tmp.resolve("stop.txt"), "a\n");
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path dir = tmp.resolve("ck");
    String[] args = {"--source", "files", "--dir", in.toString(), "--pipeline", "cumulative",
        "--stopwords", stop.toString(), "--checkpoint", dir.toString()};
    assertFalse(CheckpointedContext.prepare(Job.parse(args, null)), "nothing to recover");
    String was = stop + " sha256:87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7";
    CheckpointSettings record =
        CheckpointSettings.parse(Files.readString(dir.resolve(CheckpointSettings.FILE_NAME)));
    assertEquals(was, record.graph().get("stopwords"), "recorded with its hash");
    Files.writeString(dir.resolve("checkpoint-1000"), "");
    assertTrue(CheckpointedContext.prepare(Job.parse(args, null)), "same file: recovers");

    Files.writeString(stop, "a\nthe\n");
    assertUsage("--checkpoint " + dir + " holds a job started with other settings (stopwords was "
        + was + ", now " + stop
        + " sha256:e47fa749ddc344c62a3cd8a1f5e3a5b361f241ee131135eb645490caba280c48): rerun with"
        + " the settings recorded in wordcount-settings.properties there, or pass a new"
        + " --checkpoint directory to start afresh", args);
  }
}
