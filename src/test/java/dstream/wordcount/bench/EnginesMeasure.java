package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Both engines side by side, pipeline by pipeline, as a user runs them: for each pipeline, the
 * real {@code bin/run-wordcount --engine dstream} and {@code --engine structured}, each a driver
 * of its own with the production defaults, replay the same Zipf lines in the same batches
 * ({@code --source replay --lines-per-batch N --batch B}) and write them with {@code --output}.
 * The per-batch and 4-batch windowed pipelines replay 1M-word batches; the running totals
 * replay 100k-word batches after a first batch that puts 1M distinct words in their state; the
 * 64-batch windows replay 10k-word batches and are measured once their window is full. The time
 * per batch is what each driver's per-batch log line says: a DStream batch's processing time, a
 * micro-batch's {@code triggerExecution} (planning, offset and commit logs and state store
 * included); the CPU time per batch is the driver's over that span ({@link CpuSamples}). Before a
 * pipeline's times count, its outputs are checked: batch k of one engine holds what batch k of
 * the other holds, and {@code count}'s first batch equals the limit's plain-Java count of its
 * lines. The goal: structured within 2x the DStream engine for every pipeline.
 */
record EnginesMeasure(BenchPlan plan, Path home) {
  static final String NAME = "engines";
  static final String GOAL = "engines: structured vs DStream";
  static final String TARGET = "<= 2x";
  private static final List<String> ENGINES = List.of("dstream", "structured");
  /** Pipelines whose results are windows, of 4 batches every 1 on both engines (or 64: -64). */
  private static final Set<String> WINDOWED = Set.of("window", "count-window", "top", "errors",
      "stats-window", "sql-window", "window-64", "count-window-64");
  private static final Set<String> RUNNING = Set.of("cumulative", "state");
  private static final String SQL_QUERY =
      "SELECT word, COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC, word LIMIT 10";
  /** Threads of the plain-Java count that checks {@code count}'s first batch. */
  private static final int CORES = 2;

  /**
   * What both engines' drivers of one pipeline replay, and how much of it counts.
   *
   * @param input the replayed file
   * @param linesPerBatch the replay's lines per batch
   * @param warmup the first batches, not timed
   * @param batches every batch replayed
   */
  private record Replay(Path input, int linesPerBatch, int warmup, int batches) {}

  void run(Report report) throws Exception {
    if (home == null) {
      throw new IllegalStateException("the engines measure runs bin/run-wordcount: start it with"
          + " bin/bench");
    }
    Path dir = Files.createTempDirectory("bench-engines-");
    try {
      Map<String, List<Chart.Bar>> panels = new LinkedHashMap<>();
      Map<String, Replay> inputs = new HashMap<>();
      for (String pipeline : plan.enginesPipelines) {
        Replay replay = replay(pipeline, dir, inputs);
        Map<String, Row> rows = new HashMap<>();
        Map<String, Path> outputs = new HashMap<>();
        try {
          for (String engine : ENGINES) {
            Path run = Files.createDirectories(dir.resolve(pipeline + "-" + engine));
            rows.put(engine, measure(pipeline, engine, replay, run, report));
            outputs.put(engine, run.resolve("out/wc"));
          }
          check(pipeline, outputs, replay);
        } catch (Exception e) {
          // One pipeline's failure is its own goal's: the others are still measured.
          report.failed(NAME, GOAL + ", " + pipeline, TARGET, e);
          continue;
        }
        Row d = rows.get("dstream");
        Row s = rows.get("structured");
        ENGINES.forEach(e -> report.row(rows.get(e)));
        List<Chart.Bar> bars = panels.computeIfAbsent(panelTitle(d.wordsPerBatch()),
            t -> new ArrayList<>());
        bars.add(new Chart.Bar(pipeline + ", DStream", d.medianMs(), Formats.ms(d.medianMs())
            + " ms", Chart.Kind.PROJECT));
        bars.add(new Chart.Bar(pipeline + ", structured", s.medianMs(), Formats.ms(s.medianMs())
            + " ms", Chart.Kind.OTHER));
        double ratio = Stats.ratio(s.medianMs(), d.medianMs());
        report.goal(new Goal(GOAL + ", " + pipeline, TARGET, Formats.ratio(ratio),
            Goal.verdict(ratio <= 2), "median ms per batch: structured " + Formats.ms(s.medianMs())
                + " vs DStream " + Formats.ms(d.medianMs()) + "; CPU ms per batch: structured "
                + Formats.ms(s.cpuMs()) + " vs DStream " + Formats.ms(d.cpuMs())));
      }
      panels.forEach((title, bars) ->
          report.chart.add(new Chart.Panel(title, "lower is better", bars)));
    } finally {
      StreamRun.deleteTree(dir);
    }
  }

  private String panelTitle(long wordsPerBatch) {
    return "engines: median ms per " + StateMeasure.size(wordsPerBatch)
        + "-word batch, same command on each engine";
  }

  /**
   * The input of {@code pipeline}'s drivers, written on first use: Zipf lines in 1M-word batches;
   * for running totals, a first batch of the distinct words they then hold in state and Zipf
   * lines in 100k-word batches; for the long windows, Zipf lines in 10k-word batches, a window's
   * worth of them before the measured ones.
   */
  private Replay replay(String pipeline, Path dir, Map<String, Replay> inputs) {
    int small = plan.enginesSmallLinesPerBatch;
    if (RUNNING.contains(pipeline)) {
      return inputs.computeIfAbsent("running", k -> write(dir.resolve("running.txt"),
          fill(small), zipf(1, small * (plan.enginesWarmup + plan.enginesBatches)), small,
          1 + plan.enginesWarmup));
    }
    if (pipeline.endsWith("-" + plan.enginesLongWindow)) {
      int lines = plan.enginesLongWindowLinesPerBatch;
      return inputs.computeIfAbsent("long", k -> write(dir.resolve("long.txt"), List.of(),
          zipf(2, lines * (plan.enginesLongWindow + plan.enginesBatches)), lines,
          plan.enginesLongWindow));
    }
    int lines = plan.enginesLinesPerBatch;
    return inputs.computeIfAbsent("batch", k -> write(dir.resolve("input.txt"), List.of(),
        zipf(0, lines * (plan.enginesWarmup + plan.enginesBatches)), lines, plan.enginesWarmup));
  }

  private List<String> zipf(int part, int lines) {
    return new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED + 24)
        .lines(part, lines);
  }

  /** {@code lines} lines holding {@link BenchPlan#enginesStateWords} distinct words together. */
  private List<String> fill(int lines) {
    List<String> out = new ArrayList<>();
    int words = plan.enginesStateWords;
    for (int l = 0; l < lines; l++) {
      StringBuilder line = new StringBuilder();
      for (int w = (int) ((long) words * l / lines); w < (long) words * (l + 1) / lines; w++) {
        line.append(line.isEmpty() ? "" : " ").append("fill").append(w);
      }
      out.add(line.toString());
    }
    return out;
  }

  private Replay write(Path file, List<String> first, List<String> rest, int linesPerBatch,
      int warmup) {
    try {
      Files.write(file, first, StandardCharsets.UTF_8);
      Files.write(file, rest, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int batches = (first.size() + rest.size()) / linesPerBatch;
    return new Replay(file, linesPerBatch, warmup, batches);
  }

  /** One driver's run of {@code pipeline} on {@code engine}: its measured batches as a row. */
  private Row measure(String pipeline, String engine, Replay replay, Path dir, Report report)
      throws Exception {
    int batches = replay.batches();
    List<String> args = new ArrayList<>(List.of("--engine", engine, "--source", "replay",
        "--input", replay.input().toString(), "--lines-per-batch",
        Integer.toString(replay.linesPerBatch()), "--batch", plan.enginesBatchMs + "ms",
        "--no-print", "--output", dir.resolve("out/wc").toString()));
    args.addAll(pipelineArgs(pipeline));
    if (RUNNING.contains(pipeline)) {
      args.addAll(List.of("--checkpoint", dir.resolve("checkpoint").toString()));
    }
    // A driver whose batches take longer than the interval (cumulative's over 1M words in state
    // can) still processes every batch it replayed before it stops: the processing times are
    // measured, not the delays. The default 30 s stop cut 27 queued batches off in a full run.
    long batchesMs = batches * plan.enginesBatchMs;
    args.addAll(List.of("--stop-timeout", batchesMs * 20 + "ms"));
    // The batches, however slow (30x their interval), the driver's start and the stop above.
    DriverRun driver = DriverRun.run(home, dir, args, batchesMs * 30 + 120_000,
        plan.driverJitOptions);
    if (driver.exit() != 0) {
      throw new IllegalStateException(pipeline + " on " + engine + ": the driver exited "
          + driver.exit() + ": " + lastLine(driver.log()));
    }
    List<BatchTimes.Batch> withInput = driver.batches().stream()
        .filter(b -> b.records() > 0).toList();
    if (WINDOWED.contains(pipeline) && engine.equals("structured") && withInput.size() > batches) {
      // The replay's ticks after its input (a row each), which drain the last windows.
      withInput = withInput.subList(0, batches);
    }
    // A structured driver's batch line comes from Spark's progress event, posted after the
    // batch's outputs; under load CI's smoke run saw one line fewer than the batches replayed.
    // The outputs of every batch are checked (check), so the times of the lines logged count.
    if (withInput.size() < batches - 1 || withInput.size() > batches) {
      throw new IllegalStateException(pipeline + " on " + engine + ": " + withInput.size()
          + " batches with input in its log, " + batches + " replayed");
    }
    batches = withInput.size();
    String variant = pipeline + " on " + engine;
    report.batches(NAME, variant, withInput, replay.warmup(), batches);
    Row row = Row.timed(NAME, variant, (long) replay.linesPerBatch() * plan.wordsPerLine,
        BatchTimes.processing(withInput, replay.warmup(), batches),
        BatchTimes.cpu(withInput, replay.warmup(), batches),
        "bin/run-wordcount --engine " + engine + " --source replay --pipeline " + pipeline
            + " --output: the driver's per-batch processing time");
    report.say(String.format(Locale.ROOT, "engines: %s: %s ms, %s CPU ms per batch", variant,
        Formats.ms(row.medianMs()), Formats.ms(row.cpuMs())));
    return row;
  }

  /**
   * What each pipeline needs besides its name (grep's and errors' match, sql's query, filter's
   * length, the window); {@code stats-window} and {@code sql-window} are stats and sql with it.
   */
  private List<String> pipelineArgs(String pipeline) {
    List<String> args = new ArrayList<>(switch (pipeline) {
      case "filter" -> List.of("--pipeline", "filter", "--min-length", "5");
      case "grep", "errors" -> List.of("--pipeline", pipeline, "--match", "ba");
      case "top" -> List.of("--pipeline", "top", "--top", "10");
      case "sql", "sql-window" -> List.of("--pipeline", "sql", "--query", SQL_QUERY);
      case "stats-window" -> List.of("--pipeline", "stats");
      default -> List.of("--pipeline", pipeline.replace("-" + plan.enginesLongWindow, ""));
    });
    if (WINDOWED.contains(pipeline)) {
      long batches = pipeline.endsWith("-" + plan.enginesLongWindow) ? plan.enginesLongWindow : 4;
      args.addAll(List.of("--window", batches * plan.enginesBatchMs + "ms",
          "--slide", plan.enginesBatchMs + "ms"));
    }
    return args;
  }

  /**
   * The same batches on both engines (compared by their sorted lines' digest, one batch read at
   * a time: a running total's batch holds a million lines), and count's first batch as plain
   * Java counts it.
   */
  private void check(String pipeline, Map<String, Path> outputs, Replay replay)
      throws IOException, InterruptedException {
    List<Path> d = List.copyOf(OutputFiles.batchDirs(outputs.get("dstream")).values());
    List<Path> s = List.copyOf(OutputFiles.batchDirs(outputs.get("structured")).values());
    int batches = replay.batches();
    if (s.size() < batches || d.size() < batches) {
      throw new IllegalStateException(pipeline + ": output files of " + d.size() + " (dstream) and "
          + s.size() + " (structured) batches, " + batches + " replayed");
    }
    for (int k = 0; k < batches; k++) {
      String dk = digest(d.get(k));
      String sk = digest(s.get(k));
      if (!dk.equals(sk)) {
        throw new IllegalStateException(pipeline + ": batch " + k + " differs between the engines"
            + " (" + dk + " vs " + sk + "): the comparison would be unfair");
      }
    }
    if (pipeline.equals("count")) {
      Map<String, Long> expected;
      List<String> firstBatch;
      try (Stream<String> lines = Files.lines(replay.input(), StandardCharsets.UTF_8)) {
        firstBatch = lines.limit(replay.linesPerBatch()).toList(); // not the whole 100 MB file
      }
      try (TableLimitCounter limit = new TableLimitCounter(Tokenizer.WHITESPACE, CORES)) {
        expected = limit.count(firstBatch);
      }
      if (!Counts.parse(OutputFiles.lines(d.get(0))).equals(expected)) {
        throw new IllegalStateException("count: the first batch differs from the limit's count");
      }
    }
  }

  /** "N lines, <sha-256 of the sorted lines>": a batch's output, whatever order it was written in. */
  private static String digest(Path batchDir) {
    List<String> lines = OutputFiles.lines(batchDir).stream().sorted().toList();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      lines.forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
      return lines.size() + " lines, " + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lastLine(String log) {
    String[] all = log.strip().split("\n");
    return all[all.length - 1];
  }
}
