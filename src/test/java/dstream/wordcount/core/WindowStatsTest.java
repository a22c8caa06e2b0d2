package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WindowStatsTest {
  private static WindowStats window(WindowStats... batches) {
    WindowStats sums = batches[0].sums();
    WindowStats extremes = batches[0].extremes();
    for (int i = 1; i < batches.length; i++) {
      sums = WindowStats.merge(sums, batches[i].sums());
      extremes = WindowStats.merge(extremes, batches[i].extremes());
    }
    return WindowStats.merge(sums, extremes);
  }

  @Test
  void partsMergeFieldByField() {
    WindowStats w = WindowStats.merge(
        window(WindowStats.ofBatch(1, 3), WindowStats.ofBatch(2, 0), WindowStats.ofBatch(1, 5)),
        WindowStats.ofWords(new BatchStats().addWord("spark", 5).addWord("big", 2)
            .addWord("data", 1)));
    assertEquals("lines=4 words=8 distinct=3 mean=2.67 max=5[spark] min=1[data] words_per_s=5.33"
        + " batches=3 batch_words_mean=2.67 batch_words_max=5 batch_words_min=0", w.format(0.5));
    assertEquals("lines=4 words=8 distinct=3 mean=2.67 max=5[spark] min=1[data] words_per_s=8.00",
        w.asBatchStats().format(1.0));
  }

  @Test
  void anEventTimeWindowSaysTheLateRowsDroppedBeforeIt() {
    WindowStats w = WindowStats.merge(window(WindowStats.ofBatch(1, 2)),
        WindowStats.ofWords(new BatchStats().addWord("a", 2)));
    assertEquals(-1, w.lateRows());
    WindowStats late = w.withLateRows(3);
    assertEquals(3, late.lateRows());
    assertEquals(w.format(1.0) + " late_rows=3", late.format(1.0));
    assertEquals(-1, WindowStats.merge(late, WindowStats.ofBatch(1, 1)).lateRows());
  }

  @Test
  void sumsHaveAnInverseExtremesDoNot() {
    WindowStats a = WindowStats.ofBatch(1, 7);
    WindowStats b = WindowStats.ofBatch(2, 2);
    WindowStats both = WindowStats.merge(a.sums(), b.sums());
    WindowStats left = WindowStats.subtract(both, a.sums());
    assertEquals(2, left.lines());
    assertEquals(2, left.words());
    assertEquals(1, left.batches());
    assertThrows(IllegalArgumentException.class, () -> WindowStats.subtract(both, a.extremes()));
  }

  @Test
  void aWindowWithoutBatchesReportsZeros() {
    assertEquals("lines=0 words=0 distinct=0 mean=0.00 max=0[] min=0[] words_per_s=0.00"
        + " batches=0 batch_words_mean=0.00 batch_words_max=0 batch_words_min=0",
        WindowStats.merge(WindowStats.ofBatch(0, 0).extremes(),
            WindowStats.ofWords(new BatchStats())).format(1.0));
  }
}
