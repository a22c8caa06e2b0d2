package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFilesTest {
  private static final Row ROW = Row.timed("count", "project: count pipeline", 1_000_000, 10,
      400, 410.25, "a, \"quoted\" note").withRatios(250_000, 5_000_000);

  @Test
  void rowsCsvHasPlainNumbersAndQuotesOnlyWhenNeeded() {
    Row socket = new Row("socket", "limit", -1, -1, Double.NaN, Double.NaN, 123.4, Double.NaN, 1.0, "");
    assertEquals(String.join("\n",
        "measure,variant,words_per_batch,batches,median_ms,mean_ms,words_per_s,vs_baseline,vs_limit,note",
        "count,project: count pipeline,1000000,10,400.0,410.3,2500000,10.000,0.500,\"a, \"\"quoted\"\" note\"",
        "socket,limit,,,,,123,,1.000,",
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
        "measure  variant                  words/batch  median ms  mean ms  words/s  vs baseline  vs limit",
        "-------  -----------------------  -----------  ---------  -------  -------  -----------  --------",
        "count    project: count pipeline  1000000      400.0      410.3    2.50M    10.00x       0.50x",
        ""), ResultFiles.rowsTable(List.of(ROW)));
    assertEquals(String.join("\n",
        "goal  target  measured  verdict",
        "----  ------  --------  ------------",
        "heap  flat    -         not measured",
        ""), ResultFiles.goalsTable(List.of(
            new Goal("heap", "flat", "-", Goal.Verdict.NOT_MEASURED, ""))));
  }

  @Test
  void rowThroughputFollowsFromTheMedian() {
    assertEquals(2_500_000.0, ROW.wordsPerSecond());
    assertEquals(10.0, ROW.vsBaseline());
    assertEquals(0.5, ROW.vsLimit());
  }
}
