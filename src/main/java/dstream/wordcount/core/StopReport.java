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
   * The line for a stop that left {@code unprocessed} generated batches: cut off by a stop timeout
   * of {@code stopTimeoutMs} when {@code cutOff}, else batches whose output failed;
   * {@code checkpointed} says whether a restart on the same checkpoint would process them.
   */
  public static String line(long unprocessed, boolean cutOff, long stopTimeoutMs,
      boolean checkpointed) {
    if (unprocessed <= 0) {
      return "stopped: 0 generated batches not processed";
    }
    boolean one = unprocessed == 1;
    String what = one ? "1 generated batch" : unprocessed + " generated batches";
    String why = cutOff
        ? "--stop-timeout " + DurationText.format(stopTimeoutMs) + " ran out before "
            + (one ? "it was" : "they were")
        : (one ? "its" : "their") + " output failed (the error is in the log)";
    String next = checkpointed
        ? "; a restart on the same --checkpoint processes " + (one ? "it" : "them")
            + " as after a crash"
        : "; " + (one ? "its" : "their") + " input is dropped";
    return "stopped: " + what + " not processed: " + why + next
        + (cutOff ? " (a longer --stop-timeout, or a lower input rate, avoids it)" : "");
  }
}
