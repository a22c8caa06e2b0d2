package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The last line of a stop: how many generated batches were not processed, and what follows. */
class StopReportTest {
  @Test
  void aCompleteStopSaysZero() {
    assertEquals("stopped: 0 generated batches not processed", StopReport.line(0, false, 30_000, false));
  }

  @Test
  void aCutStopSaysHowManyAndWhatHappensToThem() {
    assertEquals("stopped: 25 generated batches not processed: --stop-timeout 10s ran out before "
            + "they were; their input is dropped (a longer --stop-timeout, or a lower input rate, "
            + "avoids it)",
        StopReport.line(25, true, 10_000, false));
    assertEquals("stopped: 1 generated batch not processed: --stop-timeout 1m ran out before it "
            + "was; a restart on the same --checkpoint processes it as after a crash (a longer "
            + "--stop-timeout, or a lower input rate, avoids it)",
        StopReport.line(1, true, 60_000, true));
  }

  @Test
  void batchesLeftByAFailedOutputAreNotBlamedOnTheTimeout() {
    assertEquals("stopped: 1 generated batch not processed: its output failed (the error is in "
            + "the log); a restart on the same --checkpoint processes it as after a crash",
        StopReport.line(1, false, 30_000, true));
  }
}
