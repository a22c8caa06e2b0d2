package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.run.RunState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * Replays a file through {@code queueStream}: batch k holds lines {@code k*N .. k*N+N-1}. The run
 * stops by itself once every batch, and every window over them, has been emitted, which makes it
 * the deterministic source used by tests and demos of exact counts.
 *
 * <p>The file is decoded as UTF-8 with invalid bytes replaced by U+FFFD, and split on LF, CR or
 * CRLF, the same rules Spark's socket receiver and Hadoop's line reader apply.
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

  @Override
  public OpenSource open(Settings s, Options job, RunState run) throws UsageException, IOException {
    validate(s, job);
    List<List<String>> batches = new ArrayList<>();
    List<String> current = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Files.newInputStream(Path.of(s.input())), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        current.add(line);
        if (current.size() == s.linesPerBatch()) {
          batches.add(current);
          current = new ArrayList<>();
        }
      }
    }
    if (!current.isEmpty() || batches.isEmpty()) {
      batches.add(current);
    }
    return new Replay(batches, s.input());
  }

  /** The open replay: its batches, fed one RDD per batch. */
  static final class Replay implements OpenSource {
    private final List<List<String>> batches;
    private final String file;

    Replay(List<List<String>> batches, String file) {
      this.batches = batches;
      this.file = file;
    }

    @Override
    public JavaDStream<String> createStream(JavaStreamingContext ssc) {
      JavaSparkContext sc = ssc.sparkContext();
      int partitions = Math.max(1, sc.defaultParallelism());
      Queue<JavaRDD<String>> queue = new LinkedList<>();
      for (List<String> batch : batches) {
        queue.add(sc.parallelize(batch, partitions));
      }
      // After the file, empty batches keep windows sliding until the runner stops the job.
      return ssc.queueStream(queue, true, sc.<String>emptyRDD());
    }

    @Override
    public long finiteBatches() {
      return batches.size();
    }

    @Override
    public String banner() {
      return "replaying " + file + " in " + batches.size() + " batch(es)";
    }
  }
}
