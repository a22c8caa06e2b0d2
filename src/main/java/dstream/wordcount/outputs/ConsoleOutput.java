package dstream.wordcount.outputs;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.core.WordCountOrder;
import dstream.wordcount.pipelines.WordCountTupleOrder;
import dstream.wordcount.results.ResultKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.streaming.Time;
import scala.Tuple2;

/**
 * Prints each batch's result to stdout in the layout of Spark's {@code DStream.print()}: a header
 * with the batch time, then at most {@code --print-limit} records (counts by count then word, lines
 * in order) and {@code ...} when there are more. Only the shown records reach the driver. On unless
 * {@code --no-print}.
 */
public final class ConsoleOutput extends Plugin<ConsoleOutput.Settings>
    implements Output<ConsoleOutput.Settings> {
  public static final OptionSpec NO_PRINT =
      OptionSpec.flag("no-print", "no console output of batch results").shaping();
  public static final OptionSpec PRINT_LIMIT =
      OptionSpec.number("print-limit", "N", "records shown per batch", "20").shaping();

  /** Whether to print, and how many records per batch. */
  public record Settings(boolean print, int limit) {}

  public ConsoleOutput() {
    super("console", "each batch's result on stdout, like DStream.print() (on unless --no-print)",
        v -> new Settings(!v.flag(NO_PRINT), v.integer(PRINT_LIMIT, 0, Integer.MAX_VALUE)),
        NO_PRINT, PRINT_LIMIT);
  }

  /** The limit shapes nothing when nothing is printed. */
  @Override
  public boolean records(OptionSpec option, Settings s) {
    return s.print() || !option.equals(PRINT_LIMIT);
  }

  @Override
  public boolean enabled(Settings s) {
    return s.print();
  }

  @Override
  public BatchSink sink(ResultKind kind, Settings s, Options job) {
    int limit = s.limit();
    return switch (kind) {
      case COUNTS, TOTALS -> batch -> printBatch(batch.timeMs(),
          formatCounts(batch.counts().takeOrdered(limit + 1, WordCountTupleOrder.INSTANCE)), limit);
      // The header is one more line to show, not one row less.
      case ROWS -> batch ->
          printBatch(batch.timeMs(), formatRows(batch.rows().take(limit + 1)), limit + 1);
      default -> batch -> printBatch(batch.timeMs(), batch.textLines().take(limit + 1), limit);
    };
  }

  static List<String> formatCounts(List<Tuple2<String, Long>> counts) {
    List<String> lines = new ArrayList<>(counts.size());
    for (Tuple2<String, Long> c : counts) {
      lines.add(WordCountOrder.format(c._1(), c._2()));
    }
    return lines;
  }

  /**
   * A query's rows as a compact {@code Dataset.show()}: a header of the column names, then one line
   * per row, each column right-aligned to its widest cell and the columns separated by {@code |},
   * without show()'s borders; {@code (no rows)} when there are none (the schema travels with the
   * rows). The record past the limit only says that there are more, so it is not formatted.
   */
  public static List<String> formatRows(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of("(no rows)");
    }
    String[] names = rows.get(0).schema().fieldNames();
    int[] widths = new int[names.length];
    List<String[]> cells = new ArrayList<>(rows.size() + 1);
    cells.add(names);
    for (Row r : rows) {
      String[] c = new String[names.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = String.valueOf(r.get(i));
      }
      cells.add(c);
    }
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        widths[i] = Math.max(widths[i], c[i].length());
      }
    }
    List<String> lines = new ArrayList<>(cells.size());
    for (String[] c : cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < c.length; i++) {
        sb.append(i > 0 ? "|" : "").append(" ".repeat(widths[i] - c[i].length())).append(c[i]);
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  private static void printBatch(long timeMs, List<String> records, int limit) {
    PrintStream out = System.out;
    StringBuilder sb = new StringBuilder();
    sb.append("-------------------------------------------\n")
        .append("Time: ").append(timeMs).append(" ms\n")
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
