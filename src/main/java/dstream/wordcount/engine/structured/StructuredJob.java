package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.pipelines.CountPipeline;
import dstream.wordcount.pipelines.CountWindowPipeline;
import dstream.wordcount.pipelines.CumulativePipeline;
import dstream.wordcount.pipelines.ErrorsPipeline;
import dstream.wordcount.pipelines.FilterPipeline;
import dstream.wordcount.pipelines.GrepPipeline;
import dstream.wordcount.pipelines.SqlPipeline;
import dstream.wordcount.pipelines.StatePipeline;
import dstream.wordcount.pipelines.StatsPipeline;
import dstream.wordcount.pipelines.TopPipeline;
import dstream.wordcount.pipelines.WindowPipeline;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.DemoSource;
import dstream.wordcount.sources.FilesSource;
import dstream.wordcount.sources.KafkaSource;
import dstream.wordcount.sources.ReplaySource;
import dstream.wordcount.sources.SocketSource;
import dstream.wordcount.sources.TailSource;
import java.io.IOException;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A parsed job's structured implementations: the registry that maps each declared source and
 * pipeline to its Structured Streaming twin (adding one is a line here), and the chosen pair with
 * their settings. A component without a twin is refused in one line before anything starts.
 * Outputs need no twin: their sinks serve both engines.
 */
public final class StructuredJob {
  private static final Map<Class<?>, StructuredSource<?>> SOURCES = Map.of(
      DemoSource.class, new DemoStream(),
      SocketSource.class, new SocketStream(),
      ReplaySource.class, new ReplayStream(),
      FilesSource.class, new FileStream(),
      KafkaSource.class, new KafkaStream(),
      TailSource.class, new TailStream());
  private static final Map<Class<?>, StructuredPipeline<?>> PIPELINES = Map.ofEntries(
      Map.entry(CountPipeline.class, new CountQuery()),
      Map.entry(FilterPipeline.class, new FilterQuery()),
      Map.entry(GrepPipeline.class, new GrepQuery()),
      Map.entry(StatsPipeline.class, new StatsQuery()),
      Map.entry(WindowPipeline.class, new WindowQuery()),
      Map.entry(CountWindowPipeline.class, new CountWindowQuery()),
      Map.entry(ErrorsPipeline.class, new ErrorsQuery()),
      Map.entry(TopPipeline.class, new TopQuery()),
      Map.entry(CumulativePipeline.class, new CumulativeQuery()),
      Map.entry(StatePipeline.class, new StateQuery()),
      Map.entry(SqlPipeline.class, new SqlQuery()));

  private final Job job;
  private final StructuredSource<Object> source;
  private final StructuredPipeline<Object> pipeline;

  private StructuredJob(Job job, StructuredSource<Object> source,
      StructuredPipeline<Object> pipeline) {
    this.job = job;
    this.source = source;
    this.pipeline = pipeline;
  }

  /**
   * The structured twins of {@code job}'s source and pipeline.
   *
   * @throws UsageException when one has none (yet), naming the engine that runs it
   */
  public static StructuredJob of(Job job) throws UsageException {
    return new StructuredJob(job,
        twin(SOURCES, job.source().component(), "--source"),
        twin(PIPELINES, job.pipeline().component(), "--pipeline"));
  }

  /** Whether {@code component} runs on the structured engine. */
  public static boolean runs(Component<?> component) {
    return SOURCES.containsKey(component.getClass()) || PIPELINES.containsKey(component.getClass());
  }

  @SuppressWarnings("unchecked") // the registry pairs each declaration with its twin's settings
  private static <T> T twin(Map<Class<?>, ?> registry, Component<?> declared, String option)
      throws UsageException {
    Object twin = registry.get(declared.getClass());
    if (twin == null) {
      throw new UsageException(option + " " + declared.name() + " does not run on --engine"
          + " structured yet; run it with --engine dstream");
    }
    return (T) twin;
  }

  /** Checks what this engine cannot do with the chosen settings. */
  void validate() throws UsageException {
    pipeline.validate(job.pipeline().settings(), job.options());
    if (job.options().eventTime() != null
        && pipeline.drainBatches(job.pipeline().settings(), job.options()) < 0) {
      throw new UsageException(Options.EVENT_TIME.flagName() + " sets the time of windows, and"
          + " --pipeline " + job.pipeline().name() + " has none here: use window, count-window,"
          + " errors, top, or stats or sql with --window");
    }
  }

  /** Why the source cannot be recovered from a checkpoint, or null. */
  String notRecoverable() {
    return source.notRecoverable();
  }

  /** Opens the source for {@code run} on {@code spark}, with times for a windowed query. */
  StreamInput openSource(RunState run, SparkSession spark) throws UsageException, IOException {
    long drain = pipeline.drainBatches(job.pipeline().settings(), job.options());
    return drain < 0 ? source.open(job.source().settings(), job.options(), run, spark)
        : source.openTimed(job.source().settings(), job.options(), run, spark, drain);
  }

  /** The pipeline's checks in the run's session. */
  void beforeStart(SparkSession spark) throws UsageException {
    pipeline.beforeStart(job.pipeline().settings(), job.options(), spark);
  }

  /** The pipeline's query onto {@code lines}. */
  Query plan(StreamLines lines) {
    return pipeline.plan(lines, job.pipeline().settings(), job.options());
  }

  /** Micro-batches a finite source runs after its input. */
  long batchesAfterInput(Options o) {
    return pipeline.batchesAfterInput(job.pipeline().settings(), o);
  }
}
