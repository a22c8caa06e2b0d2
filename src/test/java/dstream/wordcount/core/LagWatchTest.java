package dstream.wordcount.core;

import static dstream.wordcount.core.LagWatch.Change.BEHIND;
import static dstream.wordcount.core.LagWatch.Change.CAUGHT_UP;
import static dstream.wordcount.core.LagWatch.Change.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The episodes of falling behind: one warning when the delay, over 3 intervals, reaches a new high,
 * one line back.
 */
class LagWatchTest {
  /** Feeds delays for batches at 1 s, 2 s, ... and returns the change each one made. */
  private static List<LagWatch.Change> feed(LagWatch w, long... delaysMs) {
    List<LagWatch.Change> out = new ArrayList<>();
    for (int i = 0; i < delaysMs.length; i++) {
      out.add(w.onBatch(1_000L * (i + 1), delaysMs[i]));
    }
    return out;
  }

  @Test
  void oneWarningPerEpisodeAndOneLineWhenCaughtUp() {
    LagWatch w = new LagWatch(1_000);
    assertEquals(List.of(NONE, NONE, NONE, NONE, BEHIND, NONE, NONE, NONE, CAUGHT_UP, NONE),
        feed(w, 0, 2_500, 3_000, 3_001, 9_000, 14_000, 6_000, 1_001, 1_000, 200));
    assertFalse(w.behind());
  }

  @Test
  void aDelayBetweenTheThresholdsNeitherWarnsNorEndsAnEpisode() {
    LagWatch quiet = new LagWatch(2_000);
    assertEquals(List.of(NONE, NONE, NONE), feed(quiet, 5_000, 6_000, 2_001));
    LagWatch w = new LagWatch(2_000);
    assertEquals(List.of(NONE, BEHIND, NONE, NONE, NONE, CAUGHT_UP, NONE, BEHIND),
        feed(w, 6_500, 7_000, 5_000, 2_500, 6_000, 1_500, 6_500, 7_000));
    assertTrue(w.behind());
  }

  @Test
  void unknownDelaysChangeNothing() {
    LagWatch w = new LagWatch(1_000);
    assertEquals(List.of(NONE, NONE, NONE, BEHIND, CAUGHT_UP), feed(w, -1, 4_000, -1, 4_500, 0));
  }

  @Test
  void aDelaySwingingAroundTheThresholdIsNoEpisodeOneThatClimbsIs() {
    // --batch 500ms with a 1 s slide: every other batch is heavy, so the delay swings by ~0.5 s.
    LagWatch w = new LagWatch(500);
    assertEquals(List.of(NONE, NONE, NONE, NONE, NONE, NONE),
        feed(w, 1_365, 764, 1_550, 991, 1_865, 1_265));
    assertEquals(List.of(NONE, BEHIND, NONE, NONE, NONE),
        feed(w, 2_000, 2_600, 2_100, 3_000, 2_500));
  }

  @Test
  void aSlowFirstBatchWhoseQueueDrainsIsNoEpisode() {
    // A fresh JVM on a busy machine: the first batch takes 5 s, the queue behind it then drains.
    LagWatch w = new LagWatch(1_000);
    assertEquals(List.of(NONE, NONE, NONE, NONE, NONE, NONE),
        feed(w, 0, 4_000, 3_800, 3_200, 1_500, 300));
    assertFalse(w.behind());
  }

  @Test
  void theLinesNameTheDelayTheIntervalAndWhatToDo() {
    LagWatch w = new LagWatch(500);
    assertEquals(NONE, w.onBatch(9_500, 1_550));
    assertEquals(BEHIND, w.onBatch(10_000, 1_600));
    assertEquals("falling behind: scheduling delay 1.6 s is over 3 batch intervals (--batch 500ms):"
        + " batches arrive faster than they are processed. Use a longer --batch, more cores"
        + " (--master local[N] or a cluster), or a lower input rate"
        + " (spark.streaming.receiver.maxRate, spark.streaming.kafka.maxRatePerPartition)",
        w.behindLine(1_600));
    assertEquals(NONE, w.onBatch(10_500, 12_340));
    assertEquals(CAUGHT_UP, w.onBatch(52_500, 400));
    assertEquals("caught up: scheduling delay 0.4 s is back under one batch interval (--batch 500ms)"
        + " after 42.5 s behind (worst delay 12.3 s)", w.caughtUpLine(52_500, 400));
  }

  @Test
  void theBatchIntervalMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LagWatch(0));
  }
}
