package dstream.wordcount.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's output as text: the console tables and the CSV files. CSV columns carry plain
 * numbers (empty when a number does not apply) so spreadsheets and scripts read them directly.
 */
public final class ResultFiles {
  /** Header of {@code results.csv}. */
  public static final List<String> ROW_COLUMNS = List.of("measure", "variant", "words_per_batch",
      "batches", "median_ms", "mean_ms", "median_cpu_ms", "words_per_s", "vs_baseline", "vs_limit", "note");
  /** Header of {@code goals.csv}. */
  public static final List<String> GOAL_COLUMNS =
      List.of("goal", "target", "measured", "verdict", "detail");

  private ResultFiles() {}

  /** The rows as CSV, header first. */
  public static String rowsCsv(List<Row> rows) {
    StringBuilder out = new StringBuilder(String.join(",", ROW_COLUMNS)).append('\n');
    for (Row r : rows) {
      out.append(String.join(",", csv(r.measure()), csv(r.variant()),
          r.wordsPerBatch() < 0 ? "" : Long.toString(r.wordsPerBatch()),
          r.batches() < 0 ? "" : Integer.toString(r.batches()),
          number(r.medianMs(), "%.1f"), number(r.meanMs(), "%.1f"), number(r.cpuMs(), "%.1f"),
          number(r.wordsPerSecond(), "%.0f"), number(r.vsBaseline(), "%.3f"),
          number(r.vsLimit(), "%.3f"), csv(r.note()))).append('\n');
    }
    return out.toString();
  }

  /** The goals as CSV, header first. */
  public static String goalsCsv(List<Goal> goals) {
    StringBuilder out = new StringBuilder(String.join(",", GOAL_COLUMNS)).append('\n');
    for (Goal g : goals) {
      out.append(String.join(",", csv(g.name()), csv(g.target()), csv(g.measured()),
          csv(g.verdict().toString()), csv(g.detail()))).append('\n');
    }
    return out.toString();
  }

  /** The rows as an aligned text table for the console. */
  public static String rowsTable(List<Row> rows) {
    TextTable t = new TextTable("measure", "variant", "words/batch", "median ms", "mean ms",
        "cpu ms", "words/s", "vs baseline", "vs limit");
    for (Row r : rows) {
      t.add(r.measure(), r.variant(), Formats.count(r.wordsPerBatch()), Formats.ms(r.medianMs()),
          Formats.ms(r.meanMs()), Formats.ms(r.cpuMs()), Formats.humanRate(r.wordsPerSecond()),
          Formats.ratio(r.vsBaseline()), Formats.ratio(r.vsLimit()));
    }
    return t.toString();
  }

  /** The goals as an aligned text table for the console. */
  public static String goalsTable(List<Goal> goals) {
    TextTable t = new TextTable("goal", "target", "measured", "verdict");
    for (Goal g : goals) {
      t.add(g.name(), g.target(), g.measured(), g.verdict().toString());
    }
    return t.toString();
  }

  /** Writes {@code text} to {@code file}, creating its directory. */
  public static void write(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String number(double v, String format) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
  }

  /** RFC 4180 quoting: only when needed, doubling quotes. */
  static String csv(String field) {
    if (field == null) {
      return "";
    }
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /** A left-aligned text table with one space-padded column per header. */
  static final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new java.util.ArrayList<>();

    TextTable(String... headers) {
      this.headers = List.of(headers);
    }

    void add(String... cells) {
      rows.add(List.of(cells));
    }

    @Override
    public String toString() {
      int[] width = new int[headers.size()];
      for (int c = 0; c < width.length; c++) {
        width[c] = headers.get(c).length();
        for (List<String> row : rows) {
          width[c] = Math.max(width[c], row.get(c).length());
        }
      }
      StringBuilder out = new StringBuilder();
      line(out, headers, width);
      StringBuilder rule = new StringBuilder();
      for (int c = 0; c < width.length; c++) {
        rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
      }
      out.append(rule).append('\n');
      for (List<String> row : rows) {
        line(out, row, width);
      }
      return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
      StringBuilder l = new StringBuilder();
      for (int c = 0; c < width.length; c++) {
        if (c > 0) {
          l.append("  ");
        }
        l.append(cells.get(c));
        l.append(" ".repeat(width[c] - cells.get(c).length()));
      }
      out.append(l.toString().stripTrailing()).append('\n');
    }
  }
}
