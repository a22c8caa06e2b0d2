package dstream.wordcount.engine.structured;

import dstream.wordcount.core.JsonText;
import dstream.wordcount.sources.RecordFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code --format json} on the structured engine: each record decoded to its line by the same
 * {@link JsonText} as the DStream engine's {@link RecordFormat}, the others skipped and counted
 * in one accumulator per run, whose growth the per-batch line reports.
 */
final class JsonRecords {
  private JsonRecords() {}

  /** The run's skip count and what skipped records were not. */
  record Skips(LongAccumulator count, String expected) {}

  /** {@code records} as lines: unchanged for text, decoded for json (with {@code skips}). */
  static Dataset<String> lines(Dataset<String> records, RecordFormat.Settings format,
      Skips skips) {
    if (!format.isJson()) {
      return records;
    }
    return records.mapPartitions(new Decode(format.json(), skips.count()), Encoders.STRING());
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
