package dstream.wordcount.sinks;

import dstream.wordcount.core.WordCountOrder;
import dstream.wordcount.pipelines.PipelineOutput;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.Time;
import scala.Tuple2;

/**
 * Prints each batch's result to stdout in the layout of Spark's {@code DStream.print()}: a header
 * with the batch time, then at most {@code limit} records (counts by count then word, lines in
 * order) and {@code ...} when there are more. Only the shown records reach the driver.
 */
public final class ConsoleSink {
  private ConsoleSink() {}

  /** Adds the console output to {@code out}. */
  public static void attach(PipelineOutput out, int limit) {
    if (out.isCounts()) {
      out.counts().foreachRDD((rdd, time) ->
          printBatch(time, formatCounts(rdd.takeOrdered(limit + 1, CountOrder.INSTANCE)), limit));
    } else {
      out.lines().foreachRDD((rdd, time) -> printBatch(time, rdd.take(limit + 1), limit));
    }
  }

  static List<String> formatCounts(List<Tuple2<String, Long>> counts) {
    List<String> lines = new ArrayList<>(counts.size());
    for (Tuple2<String, Long> c : counts) {
      lines.add(WordCountOrder.format(c._1(), c._2()));
    }
    return lines;
  }

  private static void printBatch(Time time, List<String> records, int limit) {
    PrintStream out = System.out;
    StringBuilder sb = new StringBuilder();
    sb.append("-------------------------------------------\n")
        .append("Time: ").append(time.milliseconds()).append(" ms\n")
        .append("-------------------------------------------\n");
    for (int i = 0; i < Math.min(limit, records.size()); i++) {
      sb.append(records.get(i)).append('\n');
    }
    if (records.size() > limit) {
      sb.append("...\n");
    }
    // One write per batch so concurrent log lines cannot interleave with the records.
    out.print(sb.append('\n'));
    out.flush();
  }
}
