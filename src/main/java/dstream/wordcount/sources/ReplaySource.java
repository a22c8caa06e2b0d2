package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.text.LineIndex;
import dstream.wordcount.text.LineLimit;
import dstream.wordcount.text.Utf8Lines;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;
import scala.collection.immutable.Map$;

/**
 * Replays a file through {@code queueStream}: batch k holds lines {@code k*N .. k*N+N-1}. The run
 * stops by itself once every batch, and every window over them, has been emitted, which makes it
 * the deterministic source used by tests and demos of exact counts.
 *
 * <p>The file is decoded as UTF-8 with invalid bytes replaced by U+FFFD, and split on LF, CR or
 * CRLF, the same rules Spark's socket receiver and Hadoop's line reader apply. It is indexed once
 * on the driver ({@link LineIndex}) and each batch's task reads its own lines, so neither the
 * driver nor an executor holds more than a batch; a line over {@link LineIndex#MAX_LINE_BYTES} is
 * refused up front.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class ReplaySource extends Plugin<ReplaySource.Settings>
    implements Source<ReplaySource.Settings> {
  public static final OptionSpec INPUT =
      OptionSpec.text("input", "FILE", "the file to replay", null).shaping();
  public static final OptionSpec LINES_PER_BATCH =
      OptionSpec.number("lines-per-batch", "N", "lines per batch", "1000").shaping();

  /** The file (null when not given) and the lines per batch. */
  public record Settings(String input, int linesPerBatch) {}

  public ReplaySource() {
    super("replay", "replays --input FILE, --lines-per-batch lines per batch, then stops",
        v -> new Settings(v.optionalText(INPUT), v.integer(LINES_PER_BATCH, 1, Integer.MAX_VALUE)),
        INPUT, LINES_PER_BATCH);
  }

  /** Spark's queueStream is not checkpointable: a replay job cannot be recovered. */
  @Override
  public boolean recoverable() {
    return false;
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    if (s.input() == null) {
      throw new UsageException("--source replay needs --" + INPUT.name() + " FILE: the file to replay");
    }
    Path p = Path.of(s.input());
    if (!Files.exists(p)) {
      throw new UsageException("--" + INPUT.name() + " " + p + ": no such file");
    }
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new UsageException("--" + INPUT.name() + " " + p + ": not a readable file");
    }
  }

  /**
   * The file's {@link LineIndex} for batches of N lines, built in one streaming pass on the
   * driver; a line longer than {@link LineIndex#MAX_LINE_BYTES} is a usage error naming it. Both
   * engines' replays plan their batches from it.
   */
  public static LineIndex index(Settings s) throws UsageException, IOException {
    Path file = Path.of(s.input());
    try {
      return LineIndex.of(file, s.linesPerBatch());
    } catch (LineIndex.LineTooLong e) {
      throw new UsageException("--" + INPUT.name() + " " + file + ": line " + e.line()
          + " is longer than " + LineLimit.TEXT + ", the longest line a"
          + " source reads; is it a text file with line breaks?");
    }
  }

  @Override
  public OpenedSource open(Settings s, Options job, RunState run) throws UsageException, IOException {
    validate(s, job);
    // Absolute: the executors read the file, whatever their working directory.
    return new Replay(Path.of(s.input()).toAbsolutePath().toString(), index(s), s.input());
  }

  /**
   * The open replay: one RDD per batch, each a task that reads its N lines from the file where
   * the index says they start, so memory holds a batch, not the file.
   */
  record Replay(String path, LineIndex index, String file) implements OpenedSource {
    @Override
    public JavaDStream<String> createStream(JavaStreamingContext ssc) {
      JavaSparkContext sc = ssc.sparkContext();
      Queue<JavaRDD<String>> queue = new LinkedList<>();
      HashMap<Integer, Long> linesOfRdd = new HashMap<>();
      for (int k = 0; k < index.blocks(); k++) {
        long lines = Math.min(index.every(), index.lines() - (long) k * index.every());
        JavaRDD<String> batch = sc.parallelize(List.of(index.startOfBlock(k)), 1)
            .flatMap(new ReadLines(path, lines));
        linesOfRdd.put(batch.id(), lines);
        queue.add(batch);
      }
      if (queue.isEmpty()) {
        queue.add(sc.emptyRDD()); // an empty file: one empty batch, as for any input
      }
      // After the file, empty batches keep windows sliding until the runner stops the job.
      JavaInputDStream<String> replay = ssc.queueStream(queue, true, sc.<String>emptyRDD());
      return replay.transform(new ReportLines(replay.inputDStream().id(), linesOfRdd));
    }

    @Override
    public long finiteBatches() {
      return Math.max(1, index.blocks());
    }

    @Override
    public String banner() {
      return "replaying " + file + " in " + finiteBatches() + " batch(es)";
    }
  }

  /**
   * Tells Spark how many lines each replay batch holds, as receivers and Kafka do for theirs: a
   * queueStream reports no input, so every batch line said "0 records". Runs on the driver when
   * the batch is generated; the batch's RDD is the one queued for it.
   */
  private record ReportLines(int streamId, HashMap<Integer, Long> linesOfRdd)
      implements Function2<JavaRDD<String>, Time, JavaRDD<String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public JavaRDD<String> call(JavaRDD<String> rdd, Time time) {
      Long lines = linesOfRdd.get(rdd.id());
      Option<StreamingContext> active = StreamingContext.getActive();
      if (lines != null && active.isDefined()) {
        active.get().scheduler().inputInfoTracker().reportInfo(time,
            new StreamInputInfo(streamId, lines, Map$.MODULE$.empty()));
      }
      return rdd;
    }
  }

  /** On an executor: the lines of one batch, from its start offset, decoded as {@link Utf8Lines}. */
  private record ReadLines(String path, long lines)
      implements FlatMapFunction<Long, String> {
    @Override
    public Iterator<String> call(Long byteOffset) throws IOException {
      List<String> out = new ArrayList<>();
      try (BufferedReader r = Utf8Lines.from(Path.of(path), byteOffset)) {
        for (long i = 0; i < lines; i++) {
          String line = r.readLine();
          if (line == null) {
            throw new IOException(path + " ended before the lines its index promised: the file"
                + " changed during the replay");
          }
          out.add(line);
        }
      }
      return out.iterator();
    }
  }
}
