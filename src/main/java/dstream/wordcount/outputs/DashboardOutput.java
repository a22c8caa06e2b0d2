package dstream.wordcount.outputs;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.dashboard.BatchTiming;
import dstream.wordcount.dashboard.Dashboard;
import dstream.wordcount.dashboard.DashboardSettings;
import dstream.wordcount.dashboard.JobInfo;
import dstream.wordcount.dashboard.Result;
import dstream.wordcount.dashboard.WordCount;
import dstream.wordcount.live.RunState;
import dstream.wordcount.pipelines.ErrorsPipeline;
import dstream.wordcount.pipelines.GrepPipeline;
import dstream.wordcount.pipelines.Pipeline;
import dstream.wordcount.pipelines.PipelineOutput;
import dstream.wordcount.pipelines.Pipelines;
import dstream.wordcount.pipelines.SlidingWindow;
import dstream.wordcount.pipelines.WordCountTupleOrder;
import dstream.wordcount.results.ResultKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Tuple2;

/**
 * {@code --dashboard}: a live results page served from the driver ({@link Dashboard}, see
 * docs/dashboard.md). The server is started in {@link #open} before Spark, so a port in use is a
 * usage error before any Spark work, and closed after the context stopped. Each batch, one
 * driver-side {@code foreachRDD} on the pipeline's typed result takes only what the page shows to
 * the driver (the top K words, one number, the first lines, the batch statistics); a streaming
 * listener adds the batch times.
 *
 * <p>The closures capture only the result kind and two ints, and find the run's dashboard with
 * {@code RunState.of(rdd.context())}, so they survive the checkpoint. Registered after the
 * console and file outputs, so a result is on the page only once its {@code --output} directory is
 * written.
 */
public final class DashboardOutput extends Plugin<DashboardOutput.Settings>
    implements Output<DashboardOutput.Settings> {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardOutput.class);

  /** Adds output operations, so it shapes the graph like {@code --output}. */
  public static final OptionSpec DASHBOARD = OptionSpec.flag("dashboard",
      "also serve a live page of the results (docs/dashboard.md); shapes the checkpointed graph"
          + " like --output").shaping();
  public static final OptionSpec PORT = OptionSpec.number("dashboard-port", "PORT",
      "dashboard: port of the page, 0 for a free one",
      Integer.toString(DashboardSettings.DEFAULT_PORT)).notShaping();
  public static final OptionSpec HOST = OptionSpec.text("dashboard-host", "HOST",
      "dashboard: address it listens on; other machines reach the page only if you give e.g."
          + " 0.0.0.0", DashboardSettings.DEFAULT_HOST).notShaping();

  /**
   * The page's settings, null without {@code --dashboard}.
   *
   * @param dashboard where the page is served and what the driver keeps for it, or null when off
   */
  public record Settings(DashboardSettings dashboard) {}

  public DashboardOutput() {
    super("dashboard", "a live page of each batch's result, served from the driver (--dashboard)",
        DashboardOutput::parse, DASHBOARD, PORT, HOST);
  }

  private static Settings parse(dstream.wordcount.cli.OptionValues v) throws UsageException {
    int port = v.integer(PORT, 0, 65535);
    String host = v.text(HOST).trim();
    if (!v.flag(DASHBOARD)) {
      for (OptionSpec o : List.of(PORT, HOST)) {
        if (v.given(o.name())) {
          throw new UsageException(o.flagName() + " only applies with --dashboard; add --dashboard");
        }
      }
      return new Settings(null);
    }
    if (host.isEmpty()) {
      throw new UsageException(HOST.flagName() + " must not be empty: give e.g. 127.0.0.1");
    }
    return new Settings(DashboardSettings.of(host, port));
  }

  @Override
  public boolean enabled(Settings s) {
    return s.dashboard() != null;
  }

  /** The page draws counts, numbers, lines, statistics and updates; a query's rows have no view. */
  @Override
  public void validate(Settings s, Options job) throws UsageException {
    if (job.pipeline().equals("sql")) {
      throw new UsageException(DASHBOARD.flagName() + " does not support --pipeline sql (the page"
          + " has no view of a query's rows); use the console or --output");
    }
  }

  /** Binds the server (a port problem is a usage error) and hands it to the run. */
  @Override
  public void open(Settings s, Options job, RunState run) throws UsageException {
    Dashboard d = Dashboard.start(s.dashboard(), jobInfo(job));
    run.closeAtEnd(d); // after the context stopped: tells the open pages the job stopped
    run.put(Dashboard.class, d);
    run.observeBatches((time, records, processing, delay) ->
        d.state().add(new BatchTiming(time, records, processing, delay)));
    LOG.info("Dashboard: {}", d.url());
  }

  /** What the page says about the job, from the pipeline's own settings. */
  private static JobInfo jobInfo(Options job) throws UsageException {
    Pipeline<?> pipeline = Pipelines.REGISTRY.byName(job.pipeline());
    Object ps = pipeline.settings(job.values());
    SlidingWindow w = ps instanceof SlidingWindow.Holder windowed ? windowed.windows() : null;
    long alertAbove = -1;
    String match = null;
    if (ps instanceof ErrorsPipeline.Settings errors) {
      alertAbove = errors.alertAbove();
      match = errors.match();
    } else if (ps instanceof GrepPipeline.Settings grep) {
      match = grep.match();
    }
    // The kind is the result's (PipelineOutput.kind()), which the first result tells the page.
    return new JobInfo(job.source(), pipeline.name(), null, job.batchMs(),
        w == null ? 0 : w.windowMs(), w == null ? 0 : w.slideMs(), alertAbove, match,
        System.currentTimeMillis());
  }

  @Override
  public BatchSink sink(ResultKind kind, Settings s, Options job) {
    int topK = s.dashboard().topK();
    int lineLimit = s.dashboard().recentLines();
    return switch (kind) {
      case COUNTS, TOTALS -> b -> counts(b.counts(), b.timeMs(), kind, topK);
      case NUMBERS -> b -> number(b.numbers(), b.timeMs());
      case LINES -> b -> lines(b.lines(), b.timeMs(), lineLimit);
      case STATS -> b -> stats(b.stats(), b.timeMs());
      case UPDATES -> b -> updates(b.updates(), b.timeMs(), topK);
      default -> throw new IllegalArgumentException("no dashboard view of " + kind);
    };
  }

  /** The run's dashboard; the closures run on the driver, after recovery too. */
  private static Dashboard dashboard(SparkContext sc) {
    Dashboard d = RunState.of(sc).get(Dashboard.class);
    if (d.state().sparkUi() == null) {
      Option<String> ui = sc.uiWebUrl();
      if (ui.isDefined()) {
        d.state().sparkUi(ui.get());
      }
    }
    return d;
  }

  private static void counts(JavaRDD<Tuple2<String, Long>> rdd, long time, ResultKind kind, int topK) {
    Dashboard d = dashboard(rdd.context());
    d.state().add(kindName(kind),
        Result.counts(time, words(rdd.takeOrdered(topK, WordCountTupleOrder.INSTANCE))));
  }

  private static void number(JavaRDD<Long> rdd, long time) {
    Dashboard d = dashboard(rdd.context());
    List<Long> values = rdd.collect(); // one number per window
    long value = values.isEmpty() ? 0 : values.get(0);
    d.state().add(kindName(ResultKind.NUMBERS),
        Result.number(time, value, d.state().alertAbove()));
  }

  private static void lines(JavaRDD<String> rdd, long time, int limit) {
    Dashboard d = dashboard(rdd.context());
    List<String> first = rdd.take(limit);
    long matched = first.size() < limit ? first.size() : rdd.count();
    d.state().add(kindName(ResultKind.LINES), Result.lines(time, matched, first));
  }

  private static void stats(JavaRDD<BatchStats> rdd, long time) {
    Dashboard d = dashboard(rdd.context());
    List<BatchStats> one = rdd.collect(); // one summary per batch
    d.state().add(kindName(ResultKind.STATS),
        Result.stats(time, one.isEmpty() ? new BatchStats() : one.get(0)));
  }

  private static void updates(JavaRDD<StateUpdate> rdd, long time, int topK) {
    Dashboard d = dashboard(rdd.context());
    // The updates are sorted (changes first, by total), so the first ones are the top totals.
    JavaRDD<StateUpdate> changed = rdd.filter(DashboardOutput::isChange);
    JavaRDD<StateUpdate> evicted = rdd.filter(StateUpdate::isEviction);
    List<StateUpdate> topChanged = changed.take(topK);
    List<StateUpdate> firstEvicted = evicted.take(topK);
    long changedCount = topChanged.size() < topK ? topChanged.size() : changed.count();
    long evictedCount = firstEvicted.size() < topK ? firstEvicted.size() : evicted.count();
    d.state().add(kindName(ResultKind.UPDATES), Result.updates(time,
        updateWords(topChanged), changedCount, updateWords(firstEvicted), evictedCount));
  }

  /** The page's name of a result kind: counts, totals, updates, numbers, lines, stats. */
  static String kindName(ResultKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isChange(StateUpdate u) {
    return !u.isEviction();
  }

  private static List<WordCount> words(List<Tuple2<String, Long>> pairs) {
    List<WordCount> out = new ArrayList<>(pairs.size());
    for (Tuple2<String, Long> p : pairs) {
      out.add(new WordCount(p._1(), p._2()));
    }
    return out;
  }

  private static List<WordCount> updateWords(List<StateUpdate> updates) {
    List<WordCount> out = new ArrayList<>(updates.size());
    for (StateUpdate u : updates) {
      out.add(new WordCount(u.word(), u.total()));
    }
    return out;
  }
}
