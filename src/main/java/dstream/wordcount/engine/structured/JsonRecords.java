package dstream.wordcount.engine.structured;

import dstream.wordcount.core.EventTime;
import dstream.wordcount.core.JsonText;
import dstream.wordcount.sources.RecordFormat;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * {@code --format json} on the structured engine: each record decoded to its line by the same
 * {@link JsonText} as the DStream engine's {@link RecordFormat}, the others skipped and counted
 * in one accumulator per run, whose growth the per-batch line reports.
 */
final class JsonRecords {
  private JsonRecords() {}

  /** The run's skip count, what skipped records were not, and how many were reported. */
  record Skips(LongAccumulator count, String expected, AtomicLong reported) {
    Skips(LongAccumulator count, String expected) {
      this(count, expected, new AtomicLong());
    }

    /** ", 2 skipped (not a JSON string)": the records skipped since the last call. */
    String sinceLast() {
      long total = count.value();
      return ", " + (total - reported.getAndSet(total)) + " skipped (not " + expected + ")";
    }
  }

  /** The run's skip count under --format json, else null. */
  static Skips skips(SparkSession spark, RecordFormat.Settings format, EventTime eventTime) {
    return format.isJson() ? new Skips(spark.sparkContext().longAccumulator("json skips"),
        expected(format, eventTime)) : null;
  }

  /** A line and its time, as the timed rows are read. */
  private static final Encoder<Tuple2<String, Timestamp>> TIMED =
      Encoders.tuple(Encoders.STRING(), Encoders.TIMESTAMP());

  /**
   * The input's records as lines: unchanged for text, decoded for json (with {@code skips}); the
   * timed records too when the input has them, their ticks passed on as they are.
   */
  static StreamLines lines(StreamInput input, RecordFormat.Settings format, Skips skips,
      EventTime eventTime) {
    Dataset<Row> timed = input.timed();
    if (timed != null && eventTime != null) {
      timed = TimeWindows.ticksAtTheEnd(timed);
    }
    if (!format.isJson()) {
      return new StreamLines(input.records(), timed, eventTime);
    }
    Decode decode = new Decode(format.json(), skips.count());
    Dataset<String> text = input.records().mapPartitions(decode, Encoders.STRING());
    EventTime jsonTime =
        eventTime != null && eventTime.kind() == EventTime.Kind.JSON ? eventTime : null;
    return new StreamLines(text, timed == null ? null
        : timed.as(TIMED).mapPartitions(new DecodeTimed(decode, jsonTime), TIMED)
            .toDF("value", "time"), eventTime);
  }

  /** What a skipped record was not, the event-time field included when there is one. */
  static String expected(RecordFormat.Settings format, EventTime eventTime) {
    return format.json().expected()
        + (eventTime != null && eventTime.kind() == EventTime.Kind.JSON
            ? " and a time (ISO-8601 or epoch ms) at " + eventTime.jsonField() : "");
  }

  /**
   * Decodes one partition of timed records, keeping every tick; each line keeps its record's
   * time, or takes the JSON field's under {@code --event-time json:FIELD} ({@code jsonTime}).
   */
  record DecodeTimed(Decode decode, EventTime jsonTime)
      implements MapPartitionsFunction<Tuple2<String, Timestamp>, Tuple2<String, Timestamp>> {
    @Override
    public Iterator<Tuple2<String, Timestamp>> call(Iterator<Tuple2<String, Timestamp>> records) {
      List<Tuple2<String, Timestamp>> lines = new ArrayList<>();
      long skips = 0;
      while (records.hasNext()) {
        Tuple2<String, Timestamp> r = records.next();
        Tuple2<String, Timestamp> line = r._1() == null ? r : decoded(r);
        if (line == null) {
          skips++;
        } else {
          lines.add(line);
        }
      }
      decode.skipped.add(skips);
      return lines.iterator();
    }

    private Tuple2<String, Timestamp> decoded(Tuple2<String, Timestamp> record) {
      if (jsonTime == null) {
        String text = decode.json.text(record._1());
        return text == null ? null : new Tuple2<>(text, record._2());
      }
      JsonText.Timed t = decode.json.timed(record._1(), jsonTime.jsonPath());
      return t == null ? null : new Tuple2<>(t.text(), new Timestamp(t.millis()));
    }
  }

  /** Decodes one partition, counting what it skips; runs on the executors. */
  static final class Decode implements MapPartitionsFunction<String, String> {
    private static final long serialVersionUID = 1L;
    private final JsonText json;
    private final LongAccumulator skipped;

    Decode(JsonText json, LongAccumulator skipped) {
      this.json = json;
      this.skipped = skipped;
    }

    @Override
    public Iterator<String> call(Iterator<String> records) {
      List<String> lines = new ArrayList<>();
      long skips = 0;
      while (records.hasNext()) {
        String text = json.text(records.next());
        if (text == null) {
          skips++;
        } else {
          lines.add(text);
        }
      }
      skipped.add(skips);
      return lines.iterator();
    }
  }
}
