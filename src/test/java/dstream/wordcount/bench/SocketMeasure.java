package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.OpenedSource;
import dstream.wordcount.sources.WordServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code socket} source's words/s from the project's word server ({@code --interval 0}, lines
 * as fast as the client reads), next to the limit of that socket: a plain single-threaded reader
 * that reads and tokenizes the same server's lines with no Spark. The Spark side is the production
 * socket source and {@code count} pipeline; its rate is what the receiver stored per batch of the
 * real timer, and the note says whether processing kept up.
 */
final class SocketMeasure {
  static final String NAME = "socket";

  private final BenchPlan plan;

  SocketMeasure(BenchPlan plan) {
    this.plan = plan;
  }

  void run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED + 4);
    List<String> lines = corpus.lines(0, plan.socketLines);
    try (WordServer server = new WordServer(lines, 0, -1, message -> { })) {
      int port = server.start(0);
      double plain = plainReader(port);
      report.say("socket: plain reader " + Formats.humanRate(plain) + " words/s");

      Job o = Job.parse(new String[] {"--source", "socket", "--host", "127.0.0.1",
          "--port", Integer.toString(port), "--pipeline", "count", "--no-print",
          "--batch", plan.socketBatchMs + "ms"}, null);
      JobRunner.validate(o);
      int total = plan.socketWarmup + plan.socketBatches;
      List<BatchTimes.Batch> done;
      try (RunState state = new RunState(); OpenedSource open = o.source().open(o.options(), state)) {
        StreamRun.Production run = new StreamRun.Production("count", open, state,
            "--batch", plan.socketBatchMs + "ms");
        done = StreamRun.run(sc, plan.socketBatchMs, false, run, total,
            StreamRun.timeoutFor(total, plan.socketBatchMs, 10_000));
      }
      report.batches(NAME, "spark", done, plan.socketWarmup, total);
      List<BatchTimes.Batch> measured = done.subList(plan.socketWarmup, total);
      long records = 0;
      for (BatchTimes.Batch b : measured) {
        records += b.records();
      }
      double seconds = measured.size() * plan.socketBatchMs / 1000.0;
      double received = records * plan.wordsPerLine / seconds;
      List<Long> processing = BatchTimes.processing(done, plan.socketWarmup, total);
      double median = Stats.median(processing);
      boolean keptUp = median < plan.socketBatchMs;
      long wordsPerBatch = Math.round(received * plan.socketBatchMs / 1000.0);
      // What the job sustains: all it received if batches finish within the interval, else what
      // it gets through per second of processing (the receiver stores more than is processed).
      double spark = keptUp ? received : wordsPerBatch * 1000.0 / median;
      report.row(new Row(NAME, "spark: socket source + count pipeline", wordsPerBatch,
          measured.size(), median, Stats.mean(processing),
          Stats.median(BatchTimes.cpu(done, plan.socketWarmup, total)), spark, Double.NaN,
          Stats.ratio(spark, plain), keptUp ? "processing kept up with the receiver"
              : "processing fell behind: words/s processed, the receiver took in "
                  + Formats.humanRate(received) + " words/s"));
      report.row(new Row(NAME, "limit: plain reader on the same server", -1, -1, Double.NaN,
          Double.NaN, Double.NaN, plain, Double.NaN, 1.0, "one thread: readLine + tokenizer, no Spark"));
      report.chart.add(new Chart.Panel("socket source: words/s from the word server (--interval 0)",
          "higher is better", List.of(
          new Chart.Bar("spark socket source + count", spark, Formats.humanRate(spark) + " words/s",
              Chart.Kind.PROJECT),
          new Chart.Bar("plain reader, same server", plain, Formats.humanRate(plain) + " words/s",
              Chart.Kind.LIMIT))));
      report.say("socket: spark " + Formats.humanRate(spark) + " words/s (received "
          + Formats.humanRate(received) + "), processing median "
          + Formats.ms(median) + " ms per " + plan.socketBatchMs + " ms batch");
      report.goal(new Goal("socket source vs plain reader", "reported",
          Formats.ratio(Stats.ratio(spark, plain)), Goal.Verdict.REPORTED,
          Formats.humanRate(spark) + " words/s through Spark's receiver vs "
              + Formats.humanRate(plain) + " words/s read directly"));
    }
  }

  /** Words/s a plain reader gets from the server in {@code plan.readerMs}. */
  private double plainReader(int port) throws IOException {
    long[] words = new long[1];
    long start;
    long elapsed;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
         BufferedReader in = new BufferedReader(
             new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      start = System.nanoTime();
      long deadline = start + plan.readerMs * 1_000_000;
      String line;
      while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
        Tokenizer.WHITESPACE.forEachWord(line, w -> words[0]++);
      }
      elapsed = System.nanoTime() - start;
    }
    return words[0] * 1e9 / elapsed;
  }
}
