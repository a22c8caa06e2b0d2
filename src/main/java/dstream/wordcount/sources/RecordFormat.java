package dstream.wordcount.sources;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.EventTime;
import dstream.wordcount.core.JsonText;
import dstream.wordcount.live.RunState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --format text|json} and {@code --json-field PATH}, for every source: how a source's
 * records become the lines the pipelines read. A component like a source or a pipeline, always on:
 * its options and settings record are declared here, and the DStream engine's decoding with them.
 * {@code text} (the default) leaves the stream as the source made it; {@code json} decodes each
 * record with {@link JsonText} right after the source's DStream is created (one place for all
 * sources), and drops the records that are not JSON text.
 *
 * <p>Technique: {@code transform} with a per-batch accumulator. Each batch's RDD is decoded by
 * {@code mapPartitionsWithIndex}; the number of records it skipped goes into an accumulator
 * created for that batch on the driver, so the batch log line ({@code engine.dstream.BatchListener}) says
 * how many were skipped, and a bad record never fails a batch. An accumulator updated in a
 * transformation counts again when the RDD is recomputed (a second output, a window), so it
 * collects (partition, skipped) pairs and the count takes each partition once. Accumulators are
 * not checkpointable: the closure captures only the {@link JsonText}, and the accumulators live in
 * the run ({@link RunState}), created afresh on the first batch after a start or a recovery.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class RecordFormat implements Component<RecordFormat.Settings> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordFormat.class);
  public static final OptionSpec FORMAT = OptionSpec.text("format", "F",
      "text|json: each record is a line, or JSON whose string (or --json-field) is the line; "
          + "other records are skipped and counted", "text").shaping();
  public static final OptionSpec JSON_FIELD = OptionSpec.text("json-field", "PATH",
      "with --format json: the string field of a JSON object that holds the line, e.g. message "
          + "or payload.text", null).shaping();
  /** The component, registered beside the sources. */
  public static final RecordFormat INSTANCE = new RecordFormat();

  /**
   * The record format of a job.
   *
   * @param json null for {@code --format text}, else the decoder of {@code --format json}
   */
  public record Settings(JsonText json) implements Serializable {
    /** True for {@code --format json}. */
    public boolean isJson() {
      return json != null;
    }
  }

  private RecordFormat() {}

  @Override
  public String name() {
    return "format";
  }

  @Override
  public String description() {
    return "how every source's records become lines";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(FORMAT, JSON_FIELD);
  }

  /** Reads {@code --format} and {@code --json-field}; the field needs the json format. */
  @Override
  public Settings settings(OptionValues v) throws UsageException {
    boolean json = v.choice(FORMAT, "text", "json").equals("json");
    String field = v.optionalText(JSON_FIELD);
    if (field != null && !json) {
      throw new UsageException(JSON_FIELD.flagName() + " " + field + " reads a field of "
          + "JSON records: add " + FORMAT.flagName() + " json");
    }
    if (!json) {
      return new Settings(null);
    }
    try {
      return new Settings(JsonText.of(field));
    } catch (IllegalArgumentException e) {
      throw new UsageException(JSON_FIELD.flagName() + ": " + e.getMessage());
    }
  }

  /** An event time read from a JSON field needs JSON records. */
  @Override
  public void validate(Settings s, Options job) throws UsageException {
    EventTime e = job.eventTime();
    if (e != null && e.kind() == EventTime.Kind.JSON && !s.isJson()) {
      throw new UsageException(Options.EVENT_TIME.flagName() + " json:" + e.jsonField() + " reads a field"
          + " of JSON records: add " + FORMAT.flagName() + " json");
    }
  }

  /** {@code records} as lines: unchanged for {@code text}, decoded for {@code json}. */
  public static JavaDStream<String> lines(JavaDStream<String> records, Settings s) {
    if (!s.isJson()) {
      return records;
    }
    JsonText json = s.json();
    return records.transform((rdd, time) -> decode(rdd, time, json));
  }

  /** One batch, on the driver: its accumulator, then the decoding of its partitions. */
  private static JavaRDD<String> decode(JavaRDD<String> rdd, Time time, JsonText json) {
    CollectionAccumulator<long[]> skipped = Skips.of(rdd.context(), json).forBatch(
        rdd.context(), time.milliseconds());
    return rdd.mapPartitionsWithIndex(new Decoder(json, skipped), true);
  }

  /** Decodes one partition, counting its skipped records; runs on the executors. */
  static final class Decoder
      implements Function2<Integer, Iterator<String>, Iterator<String>> {
    private static final long serialVersionUID = 1L;
    private final JsonText json;
    private final CollectionAccumulator<long[]> skipped;

    Decoder(JsonText json, CollectionAccumulator<long[]> skipped) {
      this.json = json;
      this.skipped = skipped;
    }

    @Override
    public Iterator<String> call(Integer partition, Iterator<String> records) {
      // A receiver's block is a few thousand records at most: decoding it into a list keeps the
      // count exact without a lazy iterator that would report only once fully consumed.
      List<String> lines = new ArrayList<>();
      long skips = 0;
      while (records.hasNext()) {
        String record = records.next();
        String text = json.text(record);
        if (text == null) {
          skips++;
          if (LOG.isDebugEnabled()) {
            LOG.debug("skipped a record that is not {}: {}", json.expected(), abbreviated(record));
          }
        } else {
          lines.add(text);
        }
      }
      skipped.add(new long[] {partition, skips});
      return lines.iterator();
    }

    private static String abbreviated(String record) {
      return record == null || record.length() <= 200 ? record : record.substring(0, 200) + "...";
    }
  }

  /**
   * The skip accumulators of a run's batches, by batch time, until the batch log takes them.
   * A live object of the run, never in the checkpoint.
   */
  public static final class Skips {
    private final JsonText json;
    private final Map<Long, CollectionAccumulator<long[]>> byBatch = new ConcurrentHashMap<>();

    private Skips(JsonText json) {
      this.json = json;
    }

    /** The run's skip record, created on first use (after a start or a recovery alike). */
    static Skips of(SparkContext sc, JsonText json) {
      RunState run = RunState.of(sc);
      synchronized (run) {
        Skips s = run.get(Skips.class);
        if (s == null) {
          s = new Skips(json);
          run.put(Skips.class, s);
        }
        return s;
      }
    }

    private CollectionAccumulator<long[]> forBatch(SparkContext sc, long batchTimeMs) {
      return byBatch.computeIfAbsent(batchTimeMs, t -> sc.collectionAccumulator("json skips " + t));
    }

    /**
     * The records skipped in the batch of {@code batchTimeMs}, each partition counted once, and
     * forgets the batch; 0 when the batch decoded nothing.
     */
    public long take(long batchTimeMs) {
      CollectionAccumulator<long[]> acc = byBatch.remove(batchTimeMs);
      if (acc == null) {
        return 0;
      }
      Map<Long, Long> byPartition = new TreeMap<>();
      for (long[] p : acc.value()) {
        byPartition.put(p[0], p[1]);
      }
      long sum = 0;
      for (long n : byPartition.values()) {
        sum += n;
      }
      return sum;
    }

    /** What skipped records were not, e.g. "a JSON string". */
    public String expected() {
      return json.expected();
    }
  }
}
