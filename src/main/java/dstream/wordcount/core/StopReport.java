package dstream.wordcount.core;

/**
 * The one line a stopping job ends with: how many of the batches it had generated were not
 * processed. 0 is the normal case (every batch generated before the input stopped was processed
 * within {@code --stop-timeout}); more means the timeout cut them off, which the driver also says
 * with its exit code, so a script or service manager can tell a complete stop from a cut one.
 * Plain Java, unit-tested without Spark.
 */
public final class StopReport {
  private StopReport() {}

  /**
   * The line for a stop that left {@code unprocessed} generated batches, under a stop timeout of
   * {@code stopTimeoutMs}; {@code checkpointed} says whether a restart on the same checkpoint
   * would process them.
   */
  public static String line(long unprocessed, long stopTimeoutMs, boolean checkpointed) {
    if (unprocessed <= 0) {
      return "stopped: 0 generated batches not processed";
    }
    String what = unprocessed == 1 ? "1 generated batch" : unprocessed + " generated batches";
    return "stopped: " + what + " not processed: --stop-timeout "
        + DurationText.format(stopTimeoutMs) + " ran out before "
        + (unprocessed == 1 ? "it was" : "they were")
        + (checkpointed
            ? "; a restart on the same --checkpoint processes "
                + (unprocessed == 1 ? "it" : "them") + " as after a crash"
            : "; " + (unprocessed == 1 ? "its" : "their") + " input is dropped")
        + " (a longer --stop-timeout, or a lower input rate, avoids it)";
  }
}
