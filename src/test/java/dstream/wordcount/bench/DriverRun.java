package dstream.wordcount.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real {@code bin/run-wordcount} driver, a process of its own with the production defaults,
 * run to its end in a directory of its own, and the batches its per-batch log lines report (the
 * same line on both engines). Measures that time what a user's command does use it.
 *
 * @param exit the driver's exit code
 * @param log what it wrote to stderr
 * @param dir its working directory (its log files under {@code logs/})
 * @param cpu the CPU time the driver had used, sampled as it ran
 */
record DriverRun(int exit, String log, Path dir, CpuSamples cpu) {
  private static final Pattern BATCH = Pattern.compile(
      "batch (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}): (\\d+) records, processing (-?\\d+) ms, "
          + "scheduling delay (-?\\d+) ms");
  /** The file in the driver's directory its stdout goes to. */
  static final String STDOUT = "driver.out";
  private static final long DAY_MS = 24L * 3600 * 1000;
  private static final long SAMPLE_MS = 20;

  /**
   * Runs {@code bin/run-wordcount args} in {@code dir} with stdin closed and the Spark UI off;
   * kills it (and its children) when it has not ended within {@code timeoutMs}.
   */
  static DriverRun run(Path home, Path dir, List<String> args, long timeoutMs) throws Exception {
    return run(home, dir, args, timeoutMs, "");
  }

  /** {@link #run(Path, Path, List, long)} with {@code jvmOptions} added to the driver's JVM. */
  static DriverRun run(Path home, Path dir, List<String> args, long timeoutMs, String jvmOptions)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/run-wordcount").toString());
    command.addAll(args);
    Path err = dir.resolve("driver.err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve(STDOUT).toFile())
        .redirectError(err.toFile());
    pb.environment().put("WORDCOUNT_LOG_DIR", dir.resolve("logs").toString());
    pb.environment().put("WORDCOUNT_JAVA_OPTS", ("-Dspark.ui.enabled=false " + jvmOptions).strip());
    Process p = pb.start();
    CpuSamples cpu = new CpuSamples();
    long deadline = System.currentTimeMillis() + timeoutMs;
    try {
      while (!p.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("the driver did not end within " + timeoutMs / 1000
              + " s (log in " + dir + "): " + String.join(" ", args));
        }
        cpu.sample(p.toHandle());
      }
      return new DriverRun(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), dir, cpu);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * The batches of the log in order: time of day (ms, carried past midnight), records,
   * processing and scheduling delay, and the CPU time the driver used from the batch's start
   * (its time plus its scheduling delay) to its end (-1 where the samples do not cover it).
   */
  List<BatchTimes.Batch> batches() {
    List<BatchTimes.Batch> all = new ArrayList<>();
    Matcher m = BATCH.matcher(log);
    long first = -1;
    while (m.find()) {
      long t = ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
          + Long.parseLong(m.group(3))) * 1000 + Long.parseLong(m.group(4));
      if (first >= 0 && t < first) {
        t += DAY_MS;
      }
      if (first < 0) {
        first = t;
      }
      long processing = Long.parseLong(m.group(6));
      long delay = Long.parseLong(m.group(7));
      long start = cpu.epochOf(t % DAY_MS, ZoneId.systemDefault()) + delay;
      all.add(new BatchTimes.Batch(t, Long.parseLong(m.group(5)), processing, delay,
          processing < 0 ? -1 : cpu.between(start, start + processing)));
    }
    return all;
  }
}
