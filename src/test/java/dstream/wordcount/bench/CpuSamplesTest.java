package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CpuSamplesTest {
  @Test
  void aBatchsCpuIsTheInterpolatedDifferenceOfTheSamplesAroundIt() {
    CpuSamples s = new CpuSamples();
    s.add(1_000, 0);
    s.add(1_020, 40);
    s.add(1_040, 40);
    s.add(1_060, 100);
    assertEquals(40, s.between(1_000, 1_040));
    assertEquals(20, s.between(1_010, 1_030));
    assertEquals(45, s.between(1_030, 1_055));
    assertEquals(0, s.between(1_025, 1_040));
  }

  @Test
  void aSpanTheSamplesDoNotCoverHasNoCpuFigure() {
    CpuSamples s = new CpuSamples();
    s.add(1_000, 0);
    s.add(1_020, 40);
    assertEquals(-1, s.between(990, 1_010));
    assertEquals(-1, s.between(1_010, 1_030));
    assertEquals(-1, new CpuSamples().between(0, 10));
  }

  @Test
  void aTimeOfDayIsOnTheFirstSamplesDayOrTheNextAfterMidnight() {
    ZoneId utc = ZoneOffset.UTC;
    CpuSamples s = new CpuSamples();
    long lateEvening = LocalDateTime.of(2026, 12, 6, 23, 59, 0).toInstant(ZoneOffset.UTC)
        .toEpochMilli();
    s.add(lateEvening, 0);
    long dayMs = 24L * 3_600_000;
    long msOfDay = lateEvening % dayMs;
    assertEquals(lateEvening + 500, s.epochOf(msOfDay + 500, utc));
    assertEquals(lateEvening + 120_000, s.epochOf((msOfDay + 120_000) % dayMs, utc));
  }
}
