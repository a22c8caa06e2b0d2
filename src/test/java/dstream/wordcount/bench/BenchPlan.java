package dstream.wordcount.bench;

import dstream.wordcount.testing.Launcher;
import java.util.List;

/**
 * The sizes of one benchmark run. {@link #full} is what the README's table comes from and takes
 * about 70 minutes on 2 cores (three of them the heap run, see {@code --heap-duration}, 18 the
 * flood, 26 the engines, 13 the latency; estimated from its parts, each of which prints
 * what it took);
 * {@link #quick} runs every measure on tiny inputs in about a minute on a quiet machine, which is
 * what CI runs to prove the harness works (its numbers mean nothing).
 */
public final class BenchPlan {
  /** "full" or "quick". */
  public final String mode;
  /** Words on every corpus line. */
  public final int wordsPerLine = 10;
  /** Zipf exponent of every corpus. */
  public final double exponent = 1.0;
  /** Distinct words of the count, interval and socket corpora. */
  public final int vocabulary;

  /** {@code count}: words per batch, warm-up batches discarded, batches measured. */
  public final int countWords;
  public final int countWarmup;
  public final int countBatches;
  public final long countBatchMs;
  /** Rounds of limit, baseline, project; their batch times are pooled. */
  public final int countRounds;

  /** {@code state}: words per batch, the small and large state sizes, fill/warm-up/measured batches. */
  public final int stateWords;
  public final int stateSmall;
  public final int stateLarge;
  public final int stateFillBatches;
  public final int stateWarmup;
  public final int stateBatches;
  public final long stateBatchMs;

  /**
   * {@code structured}: warm-up and measured batches of the running totals (their words, state
   * sizes and fill batches are the state measure's; the per-batch count uses count's sizes).
   */
  public final int structuredWarmup;
  public final int structuredBatches;
  /** Whether the running totals run at both state sizes (--quick: the large one only). */
  public final boolean structuredBothSizes;

  /**
   * {@code growth}: count's batch sizes (Zipf words), distinct words per batch at a fixed batch
   * size, warm-up and measured batches of each point.
   */
  public final List<Long> growthWords;
  public final List<Long> growthDistinct;
  public final long growthDistinctWords;
  public final int growthWarmup;
  public final int growthBatches;

  /** {@code recovery}: distinct words put in state before the kill, the batch interval. */
  public final int recoveryWords;
  public final long recoveryBatchMs;
  public final List<String> recoveryPipelines;
  /** Whether recovery runs beside the other measures (--quick) rather than alone. */
  public final boolean recoveryBeside;

  /**
   * JVM options the engines and recovery drivers add to the defaults. The quick run's drivers
   * compile with C1 alone: on its tiny inputs C2's compiler threads take more CPU than they give
   * back (a short replay run used half the user CPU without them), CPU the 2-core CI machine's
   * other processes need; its figures mean nothing either way. The full run's drivers compile as
   * a user's do, and so do the flood and latency drivers of both runs (keeping up is their point).
   */
  public final String driverJitOptions;

  /** {@code window}: words per batch, vocabulary, short and long windows in batches, timing. */
  public final int windowWords;
  public final int windowVocabulary;
  public final int shortWindow;
  public final int longWindow;
  public final long windowBatchMs;
  public final int windowWarmup;
  public final int windowBatches;

  /** Sustained batch interval: the input rate, the intervals tried (longest first), batches each. */
  public final int rateWordsPerSecond;
  public final List<Long> intervalsMs;
  public final int intervalWarmup;
  public final int intervalBatches;

  /** Socket source: distinct lines served, plain-reader time, batch interval, batches. */
  public final int socketLines;
  public final long readerMs;
  public final long socketBatchMs;
  public final int socketWarmup;
  public final int socketBatches;

  /** Kafka source: records per batch (capped), partitions, batch interval, batches. */
  public final int kafkaRecords;
  public final int kafkaPartitions = 2;
  public final long kafkaBatchMs;
  public final int kafkaWarmup;
  public final int kafkaBatches;
  /** Passes of the plain consumer whose median is the kafka limit. */
  public final int kafkaLimitPasses;

  /**
   * {@code flood}: the word server at full speed into the real {@code bin/run-wordcount}, per
   * pipeline: its vocabulary, the warm-up not counted and the time measured after it.
   */
  public final List<String> floodPipelines;
  public final int floodVocabulary;
  public final long floodWarmupMs;
  public final long floodMeasureMs;

  /**
   * {@code engines}: the pipelines run by both engines' real drivers on the same replay input,
   * its lines per batch (of the count corpus), the batch interval, warm-up and measured batches;
   * the running totals' lines per batch and the distinct words they hold in state before their
   * measured batches; the long window in batches and its lines per batch.
   */
  public final List<String> enginesPipelines;
  public final int enginesLinesPerBatch;
  public final int enginesSmallLinesPerBatch;
  public final int enginesStateWords;
  public final int enginesLongWindow;
  public final int enginesLongWindowLinesPerBatch;
  public final long enginesBatchMs;
  public final int enginesWarmup;
  public final int enginesBatches;

  /**
   * {@code latency}: the sources and pipelines measured, each at these batch intervals, the
   * driver's run, the warm-up not counted, and the lines written per second.
   */
  public final List<String> latencySources;
  public final List<String> latencyPipelines;
  public final List<Long> latencyBatchMs;
  public final long latencyDurationMs;
  public final long latencyWarmupMs;
  public final int latencyLinesPerSecond;
  /**
   * {@code latency}: also grep on Kafka in real-time mode ({@code --trigger realtime}), for this
   * long: the full run's spans two of its one-minute batches, whose ends pause the output.
   */
  public final boolean latencyRealTime;
  public final long latencyRealTimeDurationMs;

  /** Driver heap under {@code state} with idle eviction. */
  public final long heapDurationMs;
  public final long heapBatchMs;
  public final int heapWords;
  public final int heapVocabulary;
  public final long heapIdleMs;
  public final int heapRotation;
  public final long heapSampleMs;

  private BenchPlan(String mode, boolean full, long heapDurationMs) {
    this.mode = mode;
    vocabulary = full ? 100_000 : 10_000;
    countWords = full ? 1_000_000 : 20_000;
    countWarmup = full ? 4 : 1;
    countBatches = full ? 8 : 3;
    countBatchMs = full ? 1000 : 200;
    countRounds = full ? 2 : 1;
    stateWords = full ? 100_000 : 5_000;
    stateSmall = full ? 10_000 : 500;
    stateLarge = full ? 1_000_000 : 20_000;
    stateFillBatches = full ? 4 : 2;
    stateWarmup = full ? 4 : 1;
    stateBatches = full ? 12 : 3;
    stateBatchMs = full ? 500 : 200;
    structuredWarmup = full ? 4 : 0;
    structuredBatches = full ? 12 : 2;
    structuredBothSizes = full;
    growthWords = full ? List.of(100_000L, 1_000_000L, 10_000_000L) : List.of(2_000L, 20_000L);
    growthDistinct = full ? List.of(1_000L, 100_000L, 1_000_000L) : List.of(100L, 10_000L);
    growthDistinctWords = full ? 1_000_000 : 20_000;
    growthWarmup = full ? 2 : 1;
    growthBatches = full ? 5 : 2;
    recoveryWords = full ? 1_000_000 : 20_000;
    recoveryBatchMs = full ? 2000 : 500;
    recoveryPipelines = full ? List.of("state", "cumulative") : List.of("state");
    recoveryBeside = !full;
    driverJitOptions = full ? "" : Launcher.C1_ONLY;
    windowWords = full ? 100_000 : 5_000;
    windowVocabulary = full ? 10_000 : 1_000;
    shortWindow = full ? 4 : 2;
    longWindow = full ? 64 : 4;
    windowBatchMs = full ? 200 : 100;
    windowWarmup = full ? 4 : 1;
    windowBatches = full ? 12 : 3;
    rateWordsPerSecond = full ? 1_000_000 : 100_000;
    intervalsMs = full ? List.of(500L, 200L, 100L, 50L, 20L) : List.of(200L);
    intervalWarmup = full ? 5 : 1;
    intervalBatches = full ? 25 : 4;
    socketLines = full ? 10_000 : 1_000;
    readerMs = full ? 5_000 : 500;
    socketBatchMs = full ? 1000 : 500;
    socketWarmup = full ? 3 : 1;
    socketBatches = full ? 10 : 2;
    // The flood (200k-word vocabulary), 30 s warm-up and 3 minutes measured per pipeline:
    // about 4 minutes each with the driver's start and stop, 20 minutes for the five.
    floodPipelines = full ? List.of("count", "window", "top", "cumulative", "state") : List.of("count");
    floodVocabulary = full ? 200_000 : 10_000;
    floodWarmupMs = full ? 30_000 : 2_000;
    floodMeasureMs = full ? 180_000 : 4_000;
    // Every pipeline: the per-batch and windowed ones (window 4 batches, slide 1, stats and sql
    // with --window too) on 1M-word batches, the running totals on 100k-word batches over 1M
    // words in state, window and count-window over 64 batches on 10k-word batches (on 100k, a
    // structured micro-batch of the 64-batch window took 20 s and rising): 30 drivers
    // in the full run; CI's smoke test runs one per-batch and one running pipeline (each driver
    // start costs seconds).
    enginesPipelines = full ? List.of("count", "filter", "grep", "stats", "sql", "cumulative",
        "state", "window", "count-window", "top", "errors", "stats-window", "sql-window",
        "window-64", "count-window-64")
        : List.of("count", "state");
    enginesLinesPerBatch = full ? 100_000 : 200;
    enginesSmallLinesPerBatch = full ? 10_000 : 100;
    enginesStateWords = full ? 1_000_000 : 2_000;
    enginesLongWindow = 64;
    enginesLongWindowLinesPerBatch = full ? 1_000 : 20;
    enginesBatchMs = full ? 1000 : 500;
    enginesWarmup = full ? 3 : 1;
    enginesBatches = full ? 10 : 2;
    // Every source, pipeline and interval on both engines: 24 drivers in the full
    // run, and grep on Kafka in real-time mode; CI's smoke test runs grep on the socket at one
    // interval, and in real-time mode.
    latencySources = full ? List.of("socket", "kafka") : List.of("socket");
    latencyPipelines = full ? List.of("grep", "count") : List.of("grep");
    latencyBatchMs = full ? List.of(1000L, 200L, 100L) : List.of(200L);
    latencyDurationMs = full ? 15_000 : 8_000;
    latencyWarmupMs = full ? 3_000 : 1_000;
    latencyLinesPerSecond = full ? 100 : 50;
    latencyRealTime = true;
    latencyRealTimeDurationMs = full ? 150_000 : 8_000;
    kafkaRecords = full ? 100_000 : 2_000;
    kafkaBatchMs = full ? 1000 : 500;
    kafkaWarmup = full ? 3 : 1;
    kafkaBatches = full ? 8 : 2;
    kafkaLimitPasses = full ? 5 : 3;
    this.heapDurationMs = heapDurationMs;
    heapBatchMs = full ? 500 : 200;
    heapWords = full ? 100_000 : 5_000;
    heapVocabulary = full ? 200_000 : 10_000;
    heapIdleMs = full ? 2_000 : 400;
    heapRotation = full ? 8 : 4;
    heapSampleMs = full ? 10_000 : 1_000;
  }

  /**
   * The batch interval of a growth point of {@code words} words: long enough for the batch on a
   * quiet machine (about 4M words/s), at least 200 ms, so a point does not time a backlog.
   */
  public long growthBatchMs(long words) {
    return Math.max(200, words / 4_000);
  }

  /** Default length of the heap run of a full benchmark. */
  public static final long FULL_HEAP_MS = 180_000;
  /** Default length of the heap run of a quick benchmark. */
  public static final long QUICK_HEAP_MS = 3_000;

  /** The full run; {@code heapDurationMs <= 0} means the default. */
  public static BenchPlan full(long heapDurationMs) {
    return new BenchPlan("full", true, heapDurationMs > 0 ? heapDurationMs : FULL_HEAP_MS);
  }

  /** The quick run; {@code heapDurationMs <= 0} means the default. */
  public static BenchPlan quick(long heapDurationMs) {
    return new BenchPlan("quick", false, heapDurationMs > 0 ? heapDurationMs : QUICK_HEAP_MS);
  }
}
