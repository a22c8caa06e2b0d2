package dstream.wordcount.cli;

import dstream.wordcount.core.EventTime;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The general settings of a run (source and pipeline names, master, batch, duration, checkpoint,
 * UI port), parsed once and immutable, plus the {@link OptionValues} every source, pipeline and
 * output reads its own settings from. The general options are declared here; every other option
 * is declared by the component that uses it.
 */
public final class Options {
  /** The system property spark-submit sets to its {@code --master}. */
  static final String SPARK_MASTER = "spark.master";

  /** The conf file used when {@code --conf} is not given; a missing default file is fine. */
  public static final String DEFAULT_CONF = "conf/wordcount.properties";

  /** The engine names, the default first. */
  public static final List<String> ENGINES = List.of("dstream", "structured");
  public static final OptionSpec ENGINE = OptionSpec.text("engine", "E",
      "dstream (Spark Streaming's DStreams) or structured (Structured Streaming): the same job"
          + " on either API", "dstream").shaping();
  /** The state stores of {@code --state-store}, the default first. */
  public static final List<String> STATE_STORES = List.of("rocksdb", "hdfs");
  /**
   * Not recorded: a query's checkpoint keeps the provider it started with, and Spark uses that
   * one on recovery whatever the option says.
   */
  public static final OptionSpec STATE_STORE = OptionSpec.text("state-store", "S",
      "--engine structured: where running totals and windows live, rocksdb or hdfs (Spark's"
          + " state store provider; a checkpoint keeps its own)", "rocksdb").notShaping();
  public static final OptionSpec MASTER = OptionSpec.text("master", "URL", "Spark master URL", "local[2]")
      .notShaping();
  public static final OptionSpec BATCH =
      OptionSpec.duration("batch", "D", "batch interval, e.g. 500ms, 2s, 1m", "1s").shaping();
  public static final OptionSpec DURATION = OptionSpec.duration("duration", "D",
      "stop gracefully after this long (default: run until Ctrl-C or SIGTERM)", null).notShaping();
  public static final OptionSpec STOP_TIMEOUT = OptionSpec.duration("stop-timeout", "D",
      "on a stop (--duration, Ctrl-C, SIGTERM) the input stops at once and the batches already "
          + "generated are processed for at most D; those left then are dropped (exit code 4)",
      "30s").notShaping();
  public static final OptionSpec CHECKPOINT = OptionSpec.text("checkpoint", "DIR",
      "checkpoint directory, local or hdfs://...; restarting with the same DIR recovers the job "
          + "(default: a temporary directory where a pipeline needs one)", null).notShaping();
  public static final OptionSpec UI_PORT = OptionSpec.number("ui-port", "PORT",
      "Spark web UI port (spark.ui.enabled=false in --conf turns it off)", "4040").notShaping();
  public static final OptionSpec CONF = OptionSpec.text("conf", "FILE",
      "properties file of option defaults and spark.*/kafka.* settings", DEFAULT_CONF).notShaping();
  /** Event-time windows, parsed into {@link EventTime}. */
  public static final OptionSpec EVENT_TIME = OptionSpec.text("event-time", "T",
      "--engine structured, windowed pipelines: window by each record's own time, from "
          + EventTime.CHOICES + " (the Kafka record's timestamp, the arrival time, a JSON field"
          + " in ISO-8601 or epoch ms); windows then align to the epoch, each is written once"
          + " the watermark passes its end, and later records are dropped and counted"
          + " (default: the batch time, as DStreams)", null).shaping();
  public static final OptionSpec WATERMARK = OptionSpec.duration("watermark", "D",
      "with --event-time: how late a record may be, behind the latest time seen (default: one"
          + " window)", null).shaping();
  public static final OptionSpec HELP = OptionSpec.flag("help", "print this help and exit").notShaping();

  private final OptionValues values;
  private final boolean help;
  private final String engine;
  private final String stateStore;
  private final TriggerMode trigger;
  private final String source;
  private final String pipeline;
  private final String master;
  private final long batchMs;
  private final long durationMs;
  private final long stopTimeoutMs;
  private final String checkpoint;
  private final int uiPort;
  private final EventTime eventTime;

  private Options(OptionValues v, Components components) throws UsageException {
    values = v;
    help = v.flag(HELP);
    engine = v.choice(ENGINE, ENGINES.toArray(new String[0]));
    stateStore = v.choice(STATE_STORE, STATE_STORES.toArray(new String[0]));
    if (!structured() && v.given(STATE_STORE.name())) {
      throw new UsageException(STATE_STORE.flagName() + " is for --engine structured (Spark"
          + " Streaming keeps DStream state in checkpointed RDDs); add --engine structured or"
          + " leave it out");
    }
    trigger = TriggerMode.parse(v, structured());
    source = v.text(sourceOption(components));
    pipeline = v.text(pipelineOption(components));
    master = master(v);
    batchMs = v.duration(BATCH);
    durationMs = v.optionalDuration(DURATION);
    stopTimeoutMs = v.duration(STOP_TIMEOUT);
    checkpoint = v.optionalText(CHECKPOINT);
    uiPort = v.integer(UI_PORT, 0, 65535);
    eventTime = eventTime(v, structured(), source);
  }

  /** {@code --event-time} and {@code --watermark}, or null for windows over the batch time. */
  private static EventTime eventTime(OptionValues v, boolean structured, String source)
      throws UsageException {
    String text = v.optionalText(EVENT_TIME);
    if (text == null) {
      if (v.given(WATERMARK.name())) {
        throw new UsageException(WATERMARK.flagName() + " is the allowed lateness of event-time"
            + " windows: add " + EVENT_TIME.flagName() + " " + EventTime.CHOICES);
      }
      return null;
    }
    if (!structured) {
      throw new UsageException(EVENT_TIME.flagName() + " is for --engine structured: DStreams"
          + " window by the batch a record arrived in, never by its own time; add --engine"
          + " structured, or leave it out for windows over the batch time");
    }
    EventTime e;
    try {
      e = EventTime.parse(text, v.given(WATERMARK.name()) ? v.duration(WATERMARK) : -1);
    } catch (IllegalArgumentException bad) {
      throw new UsageException(EVENT_TIME.flagName() + " " + bad.getMessage());
    }
    if (e.kind() == EventTime.Kind.RECORD && !source.equals("kafka")) {
      throw new UsageException(EVENT_TIME.flagName() + " record is the Kafka record's timestamp,"
          + " and --source " + source + " has none; use arrival, or json:FIELD with --format json");
    }
    return e;
  }

  /**
   * {@code --master}, else the conf file's {@code master} or {@code spark.master} (one meaning, two
   * spellings: a Spark user writes the second, and it used to be overridden by local[2] without a
   * word), else spark-submit's {@code --master}, else local[2]. {@code bin/run-wordcount} reads
   * the conf file the same way to choose how to launch.
   */
  private static String master(OptionValues v) throws UsageException {
    String confMaster = v.inConfFile(MASTER.name());
    String confSparkMaster = v.inConfFile(SPARK_MASTER);
    if (confMaster != null && confSparkMaster != null && !confMaster.equals(confSparkMaster)) {
      throw new UsageException("the conf file sets master = " + confMaster + " and " + SPARK_MASTER
          + " = " + confSparkMaster + "; keep one of them");
    }
    if (v.onCommandLine(MASTER.name())) {
      return v.text(MASTER);
    }
    if (confMaster != null || confSparkMaster != null) {
      return confMaster != null ? confMaster : confSparkMaster;
    }
    // Under spark-submit, its --master (the spark.master system property) is the default, so
    // `spark-submit --master yarn app.jar --source ...` runs on YARN, not in local[2].
    return System.getProperty(SPARK_MASTER, v.text(MASTER));
  }

  /** {@code --source}, its help listing the registered sources; the first is the default. */
  public static OptionSpec sourceOption(Components c) {
    List<String> names = Components.names(c.sources());
    return OptionSpec.text("source", "S", String.join("|", names) + ": where lines come from",
        names.get(0)).shaping();
  }

  /** {@code --pipeline}, its help listing the registered pipelines; the first is the default. */
  public static OptionSpec pipelineOption(Components c) {
    List<String> names = Components.names(c.pipelines());
    return OptionSpec.text("pipeline", "P", String.join("|", names) + ": what is computed",
        names.get(0)).shaping();
  }

  /** The general options, in {@code --help} order. */
  public static List<OptionSpec> general(Components c) {
    return List.of(ENGINE, sourceOption(c), pipelineOption(c), STATE_STORE,
        TriggerMode.TRIGGER, TriggerMode.REAL_TIME_INTERVAL, MASTER, BATCH, DURATION, STOP_TIMEOUT, CHECKPOINT, UI_PORT, EVENT_TIME, WATERMARK, CONF, HELP);
  }

  /**
   * Parses the command line against every declaration of {@code components}. {@code defaultConf} is
   * read when {@code --conf} is absent and the file exists; a {@code --conf} file that does not
   * exist is an error.
   */
  public static Options parse(String[] args, Path defaultConf, Components components)
      throws UsageException {
    Map<String, String> owners = new java.util.HashMap<>();
    for (Component<?> c : components.all()) {
      c.options().forEach(o -> owners.putIfAbsent(o.name(), c.name()));
    }
    OptionValues v = OptionValues.parse(args, defaultConf, components.allOptions(), CONF.name(),
        Set.of(CONF.name(), HELP.name()), owners);
    return new Options(v, components);
  }

  /** Every resolved value, for the components to read their settings from. */
  public OptionValues values() { return values; }
  public boolean help() { return help; }
  /** {@code --engine}: dstream or structured. */
  public String engine() { return engine; }
  /** {@code --state-store}: rocksdb or hdfs. */
  public String stateStore() { return stateStore; }
  /** True for {@code --trigger realtime}: Spark's real-time mode, records out as they arrive. */
  public boolean realTime() { return trigger.realTime(); }
  /** {@code --realtime-interval}: a real-time batch's length, how often progress is saved. */
  public long realTimeIntervalMs() { return trigger.realTimeIntervalMs(); }
  /** True for {@code --engine structured}. */
  public boolean structured() { return engine.equals("structured"); }
  public String source() { return source; }
  public String pipeline() { return pipeline; }
  /**
   * --master, else the conf file's master (or spark.master), else spark-submit's master, else
   * local[2].
   */
  public String master() { return master; }
  public long batchMs() { return batchMs; }
  /** Run time before a graceful stop, 0 for "until stopped". */
  public long durationMs() { return durationMs; }
  /** How long a stop may spend processing the batches already generated. */
  public long stopTimeoutMs() { return stopTimeoutMs; }
  /** Checkpoint directory, or null. */
  public String checkpoint() { return checkpoint; }
  public int uiPort() { return uiPort; }
  /** {@code --event-time} with its {@code --watermark}, or null: windows over the batch time. */
  public EventTime eventTime() { return eventTime; }
  /** True when option {@code name} was set on the command line or in the conf file. */
  public boolean isGiven(String name) { return values.given(name); }
  /** {@code spark.*} keys of the conf file. */
  public Map<String, String> sparkConf() { return values.sparkConf(); }
  /** {@code kafka.*} keys of the conf file, prefix removed. */
  public Map<String, String> kafkaConf() { return values.kafkaConf(); }

  @Override
  public String toString() {
    return "Options" + Arrays.asList(source, pipeline, master, batchMs + "ms");
  }
}
