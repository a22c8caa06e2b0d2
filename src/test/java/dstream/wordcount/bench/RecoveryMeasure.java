package dstream.wordcount.bench;

import dstream.wordcount.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recovery after a SIGKILL with a large state, as a user meets it: the real
 * {@code bin/run-wordcount} with the files source and {@code --checkpoint}, fed one file of
 * {@code recoveryWords} distinct words, so that many words are in state; once the state has been
 * checkpointed (the default interval is 5 batches; the bench waits for 8 completed batches after
 * the file) the driver is killed with SIGKILL and started again on the same checkpoint. Reported:
 * the time from the restart to the first completed batch (JVM and SparkContext start, checkpoint
 * read, the pending batches' state restored), the same for the first, fresh start, and the
 * checkpoint's size on disk at the kill.
 *
 * <p>The files source, not {@code queueStream}: Spark cannot recover a queueStream job.
 */
record RecoveryMeasure(BenchPlan plan, Path home) {
  static final String NAME = "recovery";
  static final String GOAL = "recovery after SIGKILL";
  /** Batches completed after the file before the kill: the 5-batch checkpoint interval plus margin. */
  private static final int BATCHES_BEFORE_KILL = 8;
  private static final Pattern BATCH_LINE = Pattern.compile("batch \\S+: \\d+ records, processing");
  private static final long START_TIMEOUT_MS = 300_000;

  void run(Report report) throws Exception {
    if (home == null || !Files.isExecutable(home.resolve("bin/run-wordcount"))) {
      report.goal(new Goal(GOAL, "reported", Formats.NONE, Goal.Verdict.NOT_MEASURED,
          "bin/run-wordcount not found (run the bench through bin/bench)"));
      report.say("recovery: not measured, bin/run-wordcount not found");
      return;
    }
    List<Row> rows = new ArrayList<>();
    List<Chart.Bar> bars = new ArrayList<>();
    StringBuilder detail = new StringBuilder("restart after SIGKILL to the first completed batch");
    for (String pipeline : plan.recoveryPipelines) {
      Path root = Files.createTempDirectory("dstream-wordcount-bench-recovery-");
      try {
        Result r = killAndRecover(pipeline, root, report);
        String in = StateMeasure.size(plan.recoveryWords) + " words in state";
        rows.add(new Row(NAME, pipeline + ", " + in + ": fresh start to first batch", -1, 1,
            r.freshMs, r.freshMs, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            "bin/run-wordcount --source files --checkpoint, empty checkpoint directory"));
        rows.add(new Row(NAME, pipeline + ", " + in + ": restart after SIGKILL to first batch", -1,
            1, r.recoveryMs, r.recoveryMs, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            "checkpoint at the kill: " + mb(r.checkpointBytes) + " MB on disk"));
        bars.add(new Chart.Bar(pipeline + ": fresh start", r.freshMs, Formats.ms(r.freshMs) + " ms",
            Chart.Kind.OTHER));
        bars.add(new Chart.Bar(pipeline + ": restart, " + in, r.recoveryMs,
            Formats.ms(r.recoveryMs) + " ms (checkpoint " + mb(r.checkpointBytes) + " MB)",
            Chart.Kind.PROJECT));
        detail.append("; ").append(pipeline).append(": ").append(Formats.ms(r.recoveryMs))
            .append(" ms with ").append(in).append(" (fresh start ").append(Formats.ms(r.freshMs))
            .append(" ms), checkpoint ").append(mb(r.checkpointBytes)).append(" MB");
      } finally {
        StreamRun.deleteTree(root);
      }
    }
    rows.forEach(report::row);
    report.chart.add(new Chart.Panel("recovery: bin/run-wordcount start to first completed batch",
        "lower is better", bars));
    report.goal(new Goal(GOAL, "reported", Formats.ms(rows.get(rows.size() - 1).medianMs()) + " ms",
        Goal.Verdict.REPORTED, detail.toString()));
  }

  private record Result(double freshMs, double recoveryMs, long checkpointBytes) {}

  private Result killAndRecover(String pipeline, Path root, Report report) throws Exception {
    Path in = Files.createDirectories(root.resolve("in"));
    Path staging = Files.createDirectories(root.resolve("staging"));
    Path checkpoint = root.resolve("checkpoint");
    List<String> args = List.of("--source", "files", "--dir", in.toString(), "--pipeline", pipeline,
        "--checkpoint", checkpoint.toString(), "--batch", plan.recoveryBatchMs + "ms", "--no-print");
    Driver first = Driver.start(root, args, plan.driverJitOptions);
    double fresh;
    try {
      fresh = first.awaitBatches(1, START_TIMEOUT_MS);
      report.say("recovery: " + pipeline + ": fresh start to first batch " + Formats.ms(fresh) + " ms");
      int before = first.batches();
      // Written aside and moved in, as the README tells users, so Spark never lists half a file.
      Path file = staging.resolve("words.txt");
      Files.write(file, ZipfCorpus.distinctLines(0, plan.recoveryWords, plan.wordsPerLine),
          StandardCharsets.UTF_8);
      Files.move(file, in.resolve("words.txt"), StandardCopyOption.ATOMIC_MOVE);
      first.awaitBatches(before + BATCHES_BEFORE_KILL,
          START_TIMEOUT_MS + BATCHES_BEFORE_KILL * (plan.recoveryBatchMs + 30_000));
      first.run().kill(Duration.ofSeconds(60)); // SIGKILL: the driver dies where it stands
    } finally {
      first.close();
    }
    long bytes = sizeOnDisk(checkpoint);
    Driver second = Driver.start(root, args, plan.driverJitOptions);
    double recovery;
    try {
      recovery = second.awaitBatches(1, START_TIMEOUT_MS);
      if (!second.run().err().contains("recovered the job from checkpoint")) {
        throw new IllegalStateException("the restarted " + pipeline
            + " driver did not recover from its checkpoint: " + second.lastLines());
      }
      second.run().terminate(Duration.ofSeconds(120)); // SIGTERM: a graceful stop
    } finally {
      second.close();
    }
    report.say("recovery: " + pipeline + ": restart after SIGKILL to first batch " + Formats.ms(recovery)
        + " ms, checkpoint " + mb(bytes) + " MB");
    return new Result(fresh, recovery, bytes);
  }

  private static String mb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e6);
  }

  private static long sizeOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long sum = 0;
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }

  /** One bin/run-wordcount process, the way the tests start it, and when it was started. */
  private record Driver(Launcher.Run run, long startNanos) implements AutoCloseable {
    static Driver start(Path root, List<String> args, String jitOptions) throws IOException {
      long t0 = System.nanoTime();
      // The bench's own JVM holds the other measures' data; the driver gets a heap of its own.
      return new Driver(Launcher.start(root,
          Map.of("WORDCOUNT_JAVA_OPTS", ("-Xmx2g -Dspark.ui.enabled=false " + jitOptions).strip()),
          "run-wordcount",
          args.toArray(String[]::new)), t0);
    }

    /** The end of the driver's stderr, for a failure message (the files go with the temp dir). */
    String lastLines() {
      List<String> lines = run.err().lines().toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    int batches() {
      Matcher m = BATCH_LINE.matcher(run.err());
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }

    /** Waits for {@code n} completed batches; returns the ms from the start when they were seen. */
    double awaitBatches(int n, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (batches() < n) {
        if (!run.process().isAlive()) {
          throw new IllegalStateException("bin/run-wordcount exited " + run.process().exitValue()
              + " before its batch " + n + ": " + lastLines());
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("bin/run-wordcount completed " + batches() + " of " + n
              + " batches within " + timeoutMs / 1000 + " s: " + lastLines());
        }
        Thread.sleep(20);
      }
      return (System.nanoTime() - startNanos) / 1e6;
    }

    @Override
    public void close() {
      run.close();
    }
  }
}
