package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A lock of another machine: held when renewed, stale once unchanged for the lease. */
class LeaseWatchTest {
  @Test
  void aLockNotRenewedForTheLeaseIsStale() {
    LeaseWatch w = new LeaseWatch(10_000);
    assertEquals(LeaseWatch.Verdict.WAIT, w.observe(3, 1_000, 4_000));
    assertEquals(7_000, w.remainingMs(4_000));
    assertEquals(LeaseWatch.Verdict.WAIT, w.observe(3, 1_000, 11_000));
    assertEquals(LeaseWatch.Verdict.STALE, w.observe(3, 1_000, 11_001));
  }

  @Test
  void aLockLongUnrenewedIsStaleAtFirstSight() {
    assertEquals(LeaseWatch.Verdict.STALE, new LeaseWatch(10_000).observe(1, 0, 3_600_000));
  }

  @Test
  void aRenewedLockIsHeld() {
    LeaseWatch w = new LeaseWatch(10_000);
    w.observe(2, 1_000, 2_000);
    assertEquals(LeaseWatch.Verdict.HELD, w.observe(2, 3_000, 3_500));
  }

  @Test
  void aNewLockFileStartsAFreshWatch() {
    LeaseWatch w = new LeaseWatch(10_000);
    w.observe(2, 1_000, 2_000);
    assertEquals(LeaseWatch.Verdict.WAIT, w.observe(3, 5_000, 6_000));
  }
}
