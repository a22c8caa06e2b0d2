package dstream.wordcount.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What Spark wrote in a query's offset log for one micro-batch ({@code CHECKPOINT/offsets/ID}):
 * its trigger time and each source's end offsets. Written before the batch runs and read again
 * when a batch is replayed after a crash, so a replayed batch gets the same time, and so rewrites
 * the same output directory and database keys, as its first run. {@code foreachBatch} gives
 * only the batch id, hence this read: one small file per micro-batch, on the driver.
 *
 * <p>The file is a version line ({@code v1}), a JSON line of metadata with
 * {@code batchTimestampMs}, then one line per source with its end offset ({@code -} for none).
 */
final class BatchTimes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path offsets;
  private final Configuration hadoop;

  BatchTimes(String checkpointLocation, Configuration hadoop) {
    this.offsets = new Path(checkpointLocation, "offsets");
    this.hadoop = hadoop;
  }

  /** One micro-batch's entry of the offset log. */
  record Entry(long timeMs, List<String> sourceOffsets) {}

  /** The entry of micro-batch {@code batchId}. */
  Entry of(long batchId) throws IOException {
    Path file = new Path(offsets, Long.toString(batchId));
    FileSystem fs = file.getFileSystem(hadoop);
    List<String> lines = new ArrayList<>();
    try (FSDataInputStream in = fs.open(file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    if (lines.size() < 2) {
      throw new IOException("offset log " + file + " has no metadata line");
    }
    JsonNode time = JSON.readTree(lines.get(1)).get("batchTimestampMs");
    if (time == null || !time.canConvertToLong()) {
      throw new IOException("offset log " + file + " has no batchTimestampMs");
    }
    return new Entry(time.asLong(), List.copyOf(lines.subList(2, lines.size())));
  }
}
