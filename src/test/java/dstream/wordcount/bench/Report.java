package dstream.wordcount.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Everything a run found: result rows, goal verdicts, chart panels, and what failed. */
final class Report {
  final List<Row> rows = new ArrayList<>();
  final List<Goal> goals = new ArrayList<>();
  final Chart chart = new Chart();
  final List<String> failures = new ArrayList<>();
  /** The heap samples as CSV, or null when the heap was not measured. */
  String heapCsv;
  private final StringBuilder batchesCsv =
      new StringBuilder("measure,variant,batch,phase,processing_ms,scheduling_ms,cpu_ms,records\n");
  private final PrintStream progress;

  Report(PrintStream progress) {
    this.progress = progress;
  }

  /** One progress line on the console. */
  void say(String line) {
    progress.println(line);
    progress.flush();
  }

  /**
   * Logs every batch of a run for {@code batches.csv}: those before {@code measuredFrom} were fill
   * or warm-up, those from {@code measuredTo} on ran after the measurement.
   */
  void batches(String measure, String variant, List<BatchTimes.Batch> batches, int measuredFrom,
      int measuredTo) {
    for (int i = 0; i < batches.size(); i++) {
      BatchTimes.Batch b = batches.get(i);
      String phase = i < measuredFrom ? "warm-up" : i < measuredTo ? "measured" : "after";
      batchesCsv.append(String.join(",", ResultFiles.csv(measure), ResultFiles.csv(variant),
          Integer.toString(i), phase, Long.toString(b.processingMs()), Long.toString(b.schedulingMs()),
          Long.toString(b.cpuMs()), Long.toString(b.records()))).append('\n');
    }
  }

  /** Every logged batch as CSV, header first. */
  String batchesCsv() {
    return batchesCsv.toString();
  }

  /** An empty report printing to the same console, for a measure run on another thread. */
  Report sibling() {
    return new Report(progress);
  }

  /** Appends what {@code other} found (rows, goals, panels, failures, batches) to this report. */
  void absorb(Report other) {
    rows.addAll(other.rows);
    goals.addAll(other.goals);
    other.chart.panels().forEach(chart::add);
    failures.addAll(other.failures);
    String batches = other.batchesCsv();
    batchesCsv.append(batches, batches.indexOf('\n') + 1, batches.length());
  }

  void row(Row r) {
    rows.add(r);
  }

  void goal(Goal g) {
    goals.add(g);
  }

  /** A measure that could not run: said now, listed as not measured, and makes the exit code 1. */
  void failed(String measure, String goalName, String target, Throwable e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    failures.add(measure + ": " + why);
    say(measure + ": FAILED: " + why);
    goals.add(new Goal(goalName, target, Formats.NONE, Goal.Verdict.NOT_MEASURED, "failed: " + why));
  }
}
