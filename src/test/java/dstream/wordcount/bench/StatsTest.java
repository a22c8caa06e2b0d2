package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfOddAndEvenCountsAndOfNothing() {
    assertEquals(3.0, Stats.median(List.of(5, 1, 3)));
    assertEquals(2.5, Stats.median(List.of(4L, 1L, 3L, 2L)));
    assertTrue(Double.isNaN(Stats.median(List.of())));
  }

  @Test
  void mean() {
    assertEquals(2.5, Stats.mean(List.of(1, 2, 3, 4)));
    assertTrue(Double.isNaN(Stats.mean(List.of())));
  }

  @Test
  void growthComparesMediansOfTheEnds() {
    assertEquals(0.0, Stats.growth(List.of(5, 5, 5, 5, 5, 5), 3));
    assertEquals(50.0, Stats.growth(List.of(0, 10, 0, 500, 40, 50), 3), "one outlier is no trend");
    assertEquals(-9.0, Stats.growth(List.of(10, 1), 5), "k capped at half the series");
    assertEquals(0.0, Stats.growth(List.of(7), 5));
  }

  @Test
  void ratioIsNanWhenUndefined() {
    assertEquals(2.0, Stats.ratio(4, 2));
    assertTrue(Double.isNaN(Stats.ratio(4, 0)));
    assertTrue(Double.isNaN(Stats.ratio(Double.NaN, 2)));
  }
}
