package dstream.wordcount.dashboard;

/**
 * How a batch's output operation finds the dashboard of its run. The operation's closure is
 * serialized into the checkpoint and deserialized on recovery, so it cannot hold the server; it
 * looks it up here, on the driver, at each batch. This is the one place to switch to a per-run
 * registry reached from the RDD's SparkContext.
 */
public final class LiveDashboards {
  private static volatile Dashboard live;

  private LiveDashboards() {}

  /** The dashboard of the running job, or null when none runs (then the output does nothing). */
  public static Dashboard find() {
    return live;
  }

  /** Makes {@code d} the running job's dashboard. */
  public static void register(Dashboard d) {
    live = d;
  }

  /** Forgets {@code d} if it is the registered one. */
  public static void unregister(Dashboard d) {
    if (live == d) {
      live = null;
    }
  }
}
