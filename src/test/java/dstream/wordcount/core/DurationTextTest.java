package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Durations are written in the largest unit that divides them. */
class DurationTextTest {
  @Test
  void formatsInTheLargestExactUnit() {
    assertEquals("0ms", DurationText.format(0));
    assertEquals("200ms", DurationText.format(200));
    assertEquals("1500ms", DurationText.format(1500));
    assertEquals("1s", DurationText.format(1000));
    assertEquals("30s", DurationText.format(30_000));
    assertEquals("90s", DurationText.format(90_000));
    assertEquals("1m", DurationText.format(60_000));
    assertEquals("2h", DurationText.format(7_200_000));
  }
}
