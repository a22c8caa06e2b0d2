package dstream.wordcount.bench;

import dstream.wordcount.outputs.db.DbConnections;
import dstream.wordcount.outputs.db.DbOutput;
import dstream.wordcount.run.RunState;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code count} with {@code --db} (issue 12): the production count pipeline on the same Zipf
 * batches three ways, without a database, into a SQLite file, and into PostgreSQL from
 * {@code bin/postgres-local} (a free loopback port, a temporary data directory), so the rows show
 * what the exactly-once writes (per-partition upserts plus the driver's check, clear and commit)
 * cost per batch.
 */
final class DbMeasure {
  static final String NAME = "db";
  private static final String GOAL = "count --db vs without";
  private static final Duration SERVER_START = Duration.ofMinutes(5);
  private static final Duration SERVER_STOP = Duration.ofSeconds(60);

  private final BenchPlan plan;
  private final int partitions;
  private final Path home;

  DbMeasure(BenchPlan plan, int partitions, Path home) {
    this.plan = plan;
    this.partitions = partitions;
    this.home = home;
  }

  void run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED + 3);
    JavaRDD<String> words = Inputs.zipf(sc, corpus, plan.stateWords, partitions);
    Path tmp = Files.createTempDirectory("dstream-wordcount-bench-db-");
    try {
      // One unreported run first: the first streaming run on a SparkContext pays for JIT and
      // class loading, which would otherwise be charged to whichever variant runs first.
      measure(sc, words, "warm-up, without --db", null, null, report);
      Row none = measure(sc, words, "without --db", null, null, report);
      report.row(none);
      Row sqlite = measure(sc, words, "--db SQLite",
          "jdbc:sqlite:" + tmp.resolve("bench.db"), null, report);
      report.row(sqlite);
      Row postgres = null;
      if (home != null && Files.isExecutable(home.resolve("bin/postgres-local"))) {
        postgres = measurePostgres(sc, words, report);
        report.row(postgres);
      } else {
        report.say("db: PostgreSQL not measured, bin/postgres-local not found");
      }
      double ratio = Stats.ratio(sqlite.medianMs(), none.medianMs());
      report.goal(new Goal(GOAL, "reported", Formats.ratio(ratio), Goal.Verdict.REPORTED,
          "ms per " + StateMeasure.size(plan.stateWords) + "-word batch, SQLite vs none"
              + (postgres == null ? "" : "; PostgreSQL vs none: "
                  + Formats.ratio(Stats.ratio(postgres.medianMs(), none.medianMs())))));
    } finally {
      words.unpersist();
      DbConnections.closeIdle();
      StreamRun.deleteTree(tmp);
    }
  }

  private Row measurePostgres(JavaSparkContext sc, JavaRDD<String> words, Report report)
      throws Exception {
    Path data = Files.createTempDirectory("dstream-wordcount-bench-postgres-");
    int port = freePort();
    report.say("db: starting PostgreSQL with bin/postgres-local on 127.0.0.1:" + port);
    try {
      script(data, SERVER_START, "start", "--port", Integer.toString(port), "--data", data.toString());
      return measure(sc, words, "--db PostgreSQL", "jdbc:postgresql://127.0.0.1:" + port + "/wordcount",
          data.resolve("db.properties"), report);
    } finally {
      DbConnections.closeIdle();
      try {
        script(data, SERVER_STOP, "stop", "--data", data.toString());
      } finally {
        StreamRun.deleteTree(data);
      }
    }
  }

  private Row measure(JavaSparkContext sc, JavaRDD<String> words, String variant, String url,
      Path credentials, Report report) throws Exception {
    int measured = plan.stateWarmup + plan.stateBatches;
    List<JavaRDD<String>> batches = Inputs.repeat(words, measured);
    List<String> args = new ArrayList<>(List.of("--batch", plan.stateBatchMs + "ms"));
    if (url != null) {
      // A table prefix per run, so each run starts on empty tables.
      String prefix = "bench" + System.nanoTime() % 1_000_000 + "_";
      args.addAll(List.of("--db", url, "--db-table-prefix", prefix));
      if (credentials != null) {
        args.addAll(List.of("--conf", credentials.toString())); // db.user, db.password
      }
    }
    RunState state = new RunState();
    StreamRun.Production run = new StreamRun.Production("count", new StreamRun.QueueFeed(batches),
        state, args.toArray(new String[0]));
    if (url != null) {
      // The production wiring builds the graph only; the runner would open the output first.
      new DbOutput().open(run.job.settings(DbOutput.class), run.job.options(), state);
    }
    List<BatchTimes.Batch> done = StreamRun.run(sc, plan.stateBatchMs, false, run, true,
        batches.size(), StreamRun.timeoutFor(batches.size(), plan.stateBatchMs, 30_000));
    int from = plan.stateWarmup;
    int to = from + plan.stateBatches;
    report.batches(NAME, variant, done, from, to);
    Row row = Row.timed(NAME, "count " + variant, plan.stateWords, BatchTimes.processing(done, from, to),
        BatchTimes.cpu(done, from, to), url == null ? "the count pipeline, no database"
            : "exactly-once writes: per-partition upserts, batches row last");
    report.say("db: " + row.variant() + ": " + Formats.ms(row.medianMs()) + " ms per batch, "
        + Formats.humanRate(row.wordsPerSecond()) + " words/s");
    return row;
  }

  /** Runs {@code bin/postgres-local args}, failing with its output unless it exits 0 in time. */
  private void script(Path data, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin/postgres-local").toString());
    cmd.addAll(List.of(args));
    Path out = data.resolve("postgres-local-" + args[0] + ".out");
    Process p = new ProcessBuilder(cmd)
        .directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException("bin/postgres-local " + args[0] + " did not end within "
          + timeout.toSeconds() + " s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("bin/postgres-local " + args[0] + " exited " + p.exitValue()
          + ": " + Files.readString(out, StandardCharsets.UTF_8).strip().replace('\n', ' '));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
