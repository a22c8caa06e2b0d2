package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Both engines side by side, pipeline by pipeline, as a user runs them: for each pipeline, the
 * real {@code bin/run-wordcount --engine dstream} and {@code --engine structured}, each a driver
 * of its own with the production defaults, replay the same Zipf lines in the same batches
 * ({@code --source replay --lines-per-batch N --batch B}) and write them with {@code --output}.
 * The time per batch is what each driver's per-batch log line says: a DStream batch's processing
 * time, a micro-batch's {@code triggerExecution} (planning, offset and commit logs and state store
 * included). Before a pipeline's times count, its outputs are checked: batch k of one engine
 * holds what batch k of the other holds, and {@code count}'s first batch equals the limit's
 * plain-Java count of its lines. The goal (issue 24): structured within 2x the DStream engine for
 * every pipeline.
 */
record EnginesMeasure(BenchPlan plan, Path home) {
  static final String NAME = "engines";
  static final String GOAL = "engines: structured vs DStream";
  static final String TARGET = "<= 2x";
  private static final List<String> ENGINES = List.of("dstream", "structured");
  /** Pipelines whose results are windows: window k of 3 batches every 1 on both engines. */
  private static final Set<String> WINDOWED =
      Set.of("window", "count-window", "top", "errors", "stats-window", "sql-window");
  private static final List<String> WINDOW = List.of("--window", "3s", "--slide", "1s");
  private static final String SQL_QUERY =
      "SELECT word, COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC, word LIMIT 10";
  /** Threads of the plain-Java count that checks {@code count}'s first batch. */
  private static final int CORES = 2;

  void run(Report report) throws Exception {
    if (home == null) {
      throw new IllegalStateException("the engines measure runs bin/run-wordcount: start it with"
          + " bin/bench");
    }
    Path dir = Files.createTempDirectory("bench-engines-");
    try {
      int batches = plan.enginesWarmup + plan.enginesBatches;
      List<String> lines = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine,
          Bench.SEED + 24).lines(0, plan.enginesLinesPerBatch * batches);
      Path input = dir.resolve("input.txt");
      Files.write(input, lines, StandardCharsets.UTF_8);
      List<Chart.Bar> bars = new ArrayList<>();
      for (String pipeline : plan.enginesPipelines) {
        Map<String, Row> rows = new HashMap<>();
        Map<String, List<List<String>>> outputs = new HashMap<>();
        for (String engine : ENGINES) {
          Path run = Files.createDirectories(dir.resolve(pipeline + "-" + engine));
          rows.put(engine, measure(pipeline, engine, input, run, report));
          outputs.put(engine, sortedBatches(run.resolve("out/wc")));
        }
        check(pipeline, outputs, lines);
        Row d = rows.get("dstream");
        Row s = rows.get("structured");
        ENGINES.forEach(e -> report.row(rows.get(e)));
        bars.add(new Chart.Bar(pipeline + ", DStream", d.medianMs(), Formats.ms(d.medianMs())
            + " ms", Chart.Kind.PROJECT));
        bars.add(new Chart.Bar(pipeline + ", structured", s.medianMs(), Formats.ms(s.medianMs())
            + " ms", Chart.Kind.OTHER));
        double ratio = Stats.ratio(s.medianMs(), d.medianMs());
        report.goal(new Goal(GOAL + ", " + pipeline, TARGET, Formats.ratio(ratio),
            Goal.verdict(ratio <= 2), "median ms per batch: structured " + Formats.ms(s.medianMs())
                + " vs DStream " + Formats.ms(d.medianMs())));
      }
      report.chart.add(new Chart.Panel("engines: median ms per "
          + StateMeasure.size((long) plan.enginesLinesPerBatch * plan.wordsPerLine)
          + "-word batch, same command on each engine", "lower is better", bars));
    } finally {
      StreamRun.deleteTree(dir);
    }
  }

  /** One driver's run of {@code pipeline} on {@code engine}: its measured batches as a row. */
  private Row measure(String pipeline, String engine, Path input, Path dir, Report report)
      throws Exception {
    int batches = plan.enginesWarmup + plan.enginesBatches;
    List<String> args = new ArrayList<>(List.of("--engine", engine, "--source", "replay",
        "--input", input.toString(), "--lines-per-batch",
        Integer.toString(plan.enginesLinesPerBatch), "--batch", plan.enginesBatchMs + "ms",
        "--no-print", "--output", dir.resolve("out/wc").toString()));
    args.addAll(pipelineArgs(pipeline));
    if (pipeline.equals("cumulative") || pipeline.equals("state")) {
      args.addAll(List.of("--checkpoint", dir.resolve("checkpoint").toString()));
    }
    // The batches, however slow (10x their interval), the driver's start and a bounded stop.
    DriverRun driver = DriverRun.run(home, dir, args, batches * plan.enginesBatchMs * 10 + 120_000);
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
    report.batches(NAME, variant, withInput, plan.enginesWarmup, batches);
    Row row = Row.timed(NAME, variant, (long) plan.enginesLinesPerBatch * plan.wordsPerLine,
        BatchTimes.processing(withInput, plan.enginesWarmup, batches), List.of(),
        "bin/run-wordcount --engine " + engine + " --source replay --pipeline " + pipeline
            + " --output: the driver's per-batch processing time");
    report.say(String.format(Locale.ROOT, "engines: %s: %s ms per batch", variant,
        Formats.ms(row.medianMs())));
    return row;
  }

  /**
   * What each pipeline needs besides its name (grep's and errors' match, sql's query, filter's
   * length, the window); {@code stats-window} and {@code sql-window} are stats and sql with it.
   */
  private static List<String> pipelineArgs(String pipeline) {
    List<String> args = new ArrayList<>(switch (pipeline) {
      case "filter" -> List.of("--pipeline", "filter", "--min-length", "5");
      case "grep", "errors" -> List.of("--pipeline", pipeline, "--match", "ba");
      case "top" -> List.of("--pipeline", "top", "--top", "10");
      case "sql", "sql-window" -> List.of("--pipeline", "sql", "--query", SQL_QUERY);
      case "stats-window" -> List.of("--pipeline", "stats");
      default -> List.of("--pipeline", pipeline);
    });
    if (WINDOWED.contains(pipeline)) {
      args.addAll(WINDOW);
    }
    return args;
  }

  /** The same batches on both engines, and count's first batch as plain Java counts it. */
  private void check(String pipeline, Map<String, List<List<String>>> outputs, List<String> lines)
      throws InterruptedException {
    List<List<String>> d = outputs.get("dstream");
    List<List<String>> s = outputs.get("structured");
    int batches = plan.enginesWarmup + plan.enginesBatches;
    if (s.size() < batches || d.size() < batches) {
      throw new IllegalStateException(pipeline + ": output files of " + d.size() + " (dstream) and "
          + s.size() + " (structured) batches, " + batches + " replayed");
    }
    for (int k = 0; k < batches; k++) {
      if (!d.get(k).equals(s.get(k))) {
        throw new IllegalStateException(pipeline + ": batch " + k + " differs between the engines"
            + " (" + d.get(k).size() + " vs " + s.get(k).size() + " lines): the comparison would"
            + " be unfair");
      }
    }
    if (pipeline.equals("count")) {
      Map<String, Long> expected;
      try (TableLimitCounter limit = new TableLimitCounter(Tokenizer.WHITESPACE, CORES)) {
        expected = limit.count(lines.subList(0, plan.enginesLinesPerBatch));
      }
      if (!Counts.parse(d.get(0)).equals(expected)) {
        throw new IllegalStateException("count: the first batch differs from the limit's count");
      }
    }
  }

  /** Each batch's output lines, sorted (the engines may write a batch's lines in any order). */
  private static List<List<String>> sortedBatches(Path prefix) {
    List<List<String>> out = new ArrayList<>();
    OutputFiles.read(prefix).values().forEach(b -> out.add(b.stream().sorted().toList()));
    return out;
  }

  private static String lastLine(String log) {
    String[] all = log.strip().split("\n");
    return all[all.length - 1];
  }
}
