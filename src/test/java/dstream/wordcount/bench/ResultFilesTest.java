package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFilesTest {
  private static final Row ROW = Row.timed("count", "project: count pipeline", 1_000_000,
      List.of(380L, 400L, 451L, 410L), List.of(700L, -1L, 790L), "a, \"quoted\" note")
      .withRatios(250_000, 5_000_000);

  @Test
  void rowsCsvHasPlainNumbersAndQuotesOnlyWhenNeeded() {
    Row socket = new Row("socket", "limit", -1, -1, Double.NaN, Double.NaN, Double.NaN, 123.4,
        Double.NaN, 1.0, "");
    assertEquals(String.join("\n",
        "measure,variant,words_per_batch,batches,median_ms,mean_ms,median_cpu_ms,words_per_s,"
            + "vs_baseline,vs_limit,note",
        "count,project: count pipeline,1000000,4,405.0,410.3,745.0,2469136,9.877,0.494,"
            + "\"a, \"\"quoted\"\" note\"",
        "socket,limit,,,,,,123,,1.000,",
        ""), ResultFiles.rowsCsv(List.of(ROW, socket)));
  }

  @Test
  void goalsCsv() {
    Goal g = new Goal("count vs baseline", ">= 3x", "2.50x", Goal.Verdict.SHORT, "why, exactly");
    assertEquals("goal,target,measured,verdict,detail\n"
        + "count vs baseline,>= 3x,2.50x,short,\"why, exactly\"\n", ResultFiles.goalsCsv(List.of(g)));
  }

  @Test
  void tablesAreAligned() {
    assertEquals(String.join("\n",
        "measure  variant                  words/batch  median ms  mean ms  cpu ms  words/s  vs baseline  vs limit",
        "-------  -----------------------  -----------  ---------  -------  ------  -------  -----------  --------",
        "count    project: count pipeline  1000000      405.0      410.3    745.0   2.47M    9.88x        0.49x",
        ""), ResultFiles.rowsTable(List.of(ROW)));
    assertEquals(String.join("\n",
        "goal  target  measured  verdict",
        "----  ------  --------  ------------",
        "heap  flat    -         not measured",
        ""), ResultFiles.goalsTable(List.of(
            new Goal("heap", "flat", "-", Goal.Verdict.NOT_MEASURED, ""))));
  }

  @Test
  void rowThroughputFollowsFromTheMedianAndUnknownCpuTimesAreSkipped() {
    assertEquals(4, ROW.batches());
    assertEquals(405.0, ROW.medianMs());
    assertEquals(745.0, ROW.cpuMs());
    assertEquals(1_000_000 / 0.405, ROW.wordsPerSecond(), 1e-6);
    assertEquals(1_000_000 / 0.405 / 250_000, ROW.vsBaseline(), 1e-9);
  }
}
