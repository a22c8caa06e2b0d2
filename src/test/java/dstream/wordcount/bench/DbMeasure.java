package dstream.wordcount.bench;

import dstream.wordcount.live.RunState;
import dstream.wordcount.outputs.db.DbConnections;
import dstream.wordcount.outputs.db.DbOutput;
import dstream.wordcount.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code count} with {@code --db}: the production count pipeline on the same Zipf
 * batches three ways, without a database, into a SQLite file, and into PostgreSQL from
 * {@code bin/postgres-local} (a free loopback port, a temporary data directory), so the rows show
 * what the exactly-once writes (per-partition upserts plus the driver's check, clear and commit)
 * cost per batch.
 */
record DbMeasure(BenchPlan plan, int partitions, Path home) {
  static final String NAME = "db";
  private static final String GOAL = "count --db vs without";

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
      DbConnections.closeAll();
      StreamRun.deleteTree(tmp);
    }
  }

  private Row measurePostgres(JavaSparkContext sc, JavaRDD<String> words, Report report)
      throws Exception {
    report.say("db: starting PostgreSQL with bin/postgres-local");
    PostgresServer server = PostgresServer.start();
    try {
      return measure(sc, words, "--db PostgreSQL", server.url(), server.credentials(), report);
    } finally {
      DbConnections.closeAll();
      try {
        server.close();
      } finally {
        StreamRun.deleteTree(server.data());
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
}
