package dstream.wordcount.bench;

import dstream.wordcount.sources.WordServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The issue-16 flood, per pipeline: the project's word server at full speed ({@code --interval
 * 0}, Zipf lines) read by the real {@code bin/run-wordcount --source socket}, a separate driver
 * with the production defaults (flow control on) for each pipeline. From the driver's per-batch
 * log, after a warm-up: the input rate it sustained, the scheduling delay's p50/p95/max, and its
 * trend (least-squares slope over the measured batches). The goal: p95 under 5 batch intervals and
 * no growth.
 */
record FloodMeasure(BenchPlan plan, Path home, Path conf) {
  static final String NAME = "flood";
  private static final long BATCH_MS = 1_000;

  void run(Report report) throws Exception {
    if (home == null) {
      throw new IllegalStateException("the flood measure runs bin/run-wordcount: start it with bin/bench");
    }
    ZipfCorpus corpus = new ZipfCorpus(plan.floodVocabulary, plan.exponent, plan.wordsPerLine,
        Bench.SEED + 16);
    List<String> lines = corpus.lines(0, 200_000);
    for (String pipeline : plan.floodPipelines) {
      measure(pipeline, lines, report);
    }
  }

  private void measure(String pipeline, List<String> lines, Report report) throws Exception {
    Path dir = Files.createTempDirectory("bench-flood-");
    try (WordServer server = new WordServer(lines, 0, -1, m -> { })) {
      int port = server.start(0);
      long durationMs = plan.floodWarmupMs + plan.floodMeasureMs;
      List<String> args = new ArrayList<>(List.of("--source", "socket", "--host", "127.0.0.1",
          "--port", Integer.toString(port), "--pipeline", pipeline, "--batch", BATCH_MS + "ms",
          "--duration", durationMs + "ms", "--no-print"));
      if (pipeline.equals("window") || pipeline.equals("top")) {
        args.addAll(List.of("--window", "10s", "--slide", "2s")); // the run
      }
      if (conf != null) {
        args.addAll(List.of("--conf", conf.toString()));
      }
      // The duration, the driver's start and a stop of at most --stop-timeout (30 s).
      DriverRun driver = DriverRun.run(home, dir, args, durationMs + 120_000);
      if (driver.exit() != 0 && driver.exit() != 4) {
        throw new IllegalStateException(pipeline + ": the driver exited " + driver.exit()
            + " (log in " + dir + ")");
      }
      record(pipeline, driver, report);
    }
  }

  private void record(String pipeline, DriverRun driver, Report report) {
    List<BatchTimes.Batch> all = driver.batches();
    long first = all.isEmpty() ? 0 : all.get(0).timeMs();
    int from = 0;
    while (from < all.size() && all.get(from).timeMs() - first < plan.floodWarmupMs) {
      from++;
    }
    report.batches(NAME, pipeline, all, from, all.size());
    List<BatchTimes.Batch> measured = all.subList(from, all.size());
    if (measured.size() < 2) {
      throw new IllegalStateException(pipeline + ": " + measured.size() + " batches after the warm-up");
    }
    List<Long> delays = new ArrayList<>();
    List<Long> processing = new ArrayList<>();
    long records = 0;
    for (BatchTimes.Batch b : measured) {
      delays.add(b.schedulingMs());
      processing.add(b.processingMs());
      records += b.records();
    }
    double seconds = (measured.get(measured.size() - 1).timeMs() - measured.get(0).timeMs()
        + BATCH_MS) / 1000.0;
    double words = records * plan.wordsPerLine / seconds;
    List<Long> sorted = new ArrayList<>(delays);
    sorted.sort(null);
    long p50 = percentile(sorted, 0.50);
    long p95 = percentile(sorted, 0.95);
    long max = sorted.get(sorted.size() - 1);
    double trend = slope(measured); // ms of delay per second of run
    int warnings = driver.log().split("WARN  lag: falling behind", -1).length - 1;
    String figures = String.format(Locale.ROOT,
        "delay p50 %s ms, p95 %s ms, max %s ms, trend %+.0f ms/s; %d lag warning(s); exit %d",
        Formats.ms(p50), Formats.ms(p95), Formats.ms(max), trend, warnings, driver.exit());
    report.row(new Row(NAME, pipeline + " under the flood", -1, measured.size(),
        Stats.median(processing), Stats.mean(processing), Double.NaN, words, Double.NaN, Double.NaN,
        figures));
    report.say("flood " + pipeline + ": " + Formats.humanRate(words) + " words/s taken in, " + figures);
    // "No growth": the delay rises by less than one batch interval per minute of run.
    boolean met = p95 < 5 * BATCH_MS && trend < BATCH_MS / 60.0;
    report.goal(new Goal("flood delay bounded: " + pipeline, "p95 < 5 batches, no growth",
        "p95 " + Formats.ms(p95) + " ms", Goal.verdict(met), figures));
  }

  private static long percentile(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size())));
  }

  /** Least-squares slope of scheduling delay over batch time, in ms per second. */
  private static double slope(List<BatchTimes.Batch> batches) {
    double n = batches.size();
    double mx = 0;
    double my = 0;
    for (BatchTimes.Batch b : batches) {
      mx += b.timeMs() / 1000.0;
      my += b.schedulingMs();
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (BatchTimes.Batch b : batches) {
      double dx = b.timeMs() / 1000.0 - mx;
      sxy += dx * (b.schedulingMs() - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
