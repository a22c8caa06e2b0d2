package dstream.wordcount.dashboard;

/**
 * What {@code --dashboard} was given: where the page is served and how much the driver keeps for
 * it. Only the data the page shows is kept (the last {@code history} results and batch timings, the
 * top {@code topK} words of each, the last {@code recentLines} grep lines), so memory stays flat on
 * a long run.
 *
 * @param host the address the server binds ({@code --dashboard-host}; loopback by default, so the
 *     page is not reachable from other machines unless the user says so)
 * @param port the port ({@code --dashboard-port}); 0 takes a free one
 * @param history results and batch timings kept and drawn
 * @param topK words kept per counting result
 * @param recentLines grep lines kept
 */
public record DashboardSettings(String host, int port, int history, int topK, int recentLines) {
  /** {@code --dashboard-port}'s default, next to the Spark UI's 4040. */
  public static final int DEFAULT_PORT = 4050;
  /** {@code --dashboard-host}'s default. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Results kept: at a 1 s batch, the last minute. */
  public static final int HISTORY = 60;
  /** Words per counting result: what a bar chart can still label. */
  public static final int TOP_K = 15;
  /** Grep lines kept across batches. */
  public static final int RECENT_LINES = 50;

  /** The settings of {@code --dashboard} with the given address and the built-in bounds. */
  public static DashboardSettings of(String host, int port) {
    return new DashboardSettings(host, port, HISTORY, TOP_K, RECENT_LINES);
  }
}
