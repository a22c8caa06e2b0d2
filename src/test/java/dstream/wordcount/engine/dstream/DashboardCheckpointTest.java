package dstream.wordcount.engine.dstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.run.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dashboard} adds an output operation, so it is part of the checkpointed graph: recorded
 * when on, and a restart that turns it on or off is refused; its port and host are not recorded.
 */
class DashboardCheckpointTest {
  @TempDir Path tmp;

  private List<String> job(Path dir, String... extra) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    List<String> args = new ArrayList<>(List.of("--source", "files", "--dir", in.toString(),
        "--pipeline", "count", "--checkpoint", dir.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  private static Job job(List<String> args) throws Exception {
    return Job.parse(args.toArray(new String[0]), null);
  }

  private static String refusal(List<String> args) throws Exception {
    try {
      CheckpointedContext.prepare(job(args));
      return "recovers";
    } catch (UsageException e) {
      return e.getMessage();
    }
  }

  @Test
  void dashboardIsRecordedAndMustBeRepeated() throws Exception {
    Path dir = tmp.resolve("ck");
    List<String> on = job(dir, "--dashboard", "--dashboard-port", "4100");
    assertFalse(CheckpointedContext.prepare(job(on)));
    String record = Files.readString(dir.resolve(CheckpointSettings.FILE_NAME));
    assertTrue(record.contains("\ndashboard=true\n"), record);
    assertFalse(record.contains("dashboard-port"), record);
    Files.writeString(dir.resolve("checkpoint-1000"), "");
    assertEquals("recovers", refusal(job(dir, "--dashboard", "--dashboard-port", "0")),
        "another port is fine");
    String off = refusal(job(dir));
    assertTrue(off.startsWith("--checkpoint " + dir + " holds a job started with other settings"
        + " (dashboard was true, now "), off);
  }
}
