package dstream.wordcount.runtime;

import static dstream.wordcount.cli.OptionNames.*;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.outputs.db.DbSettings;
import dstream.wordcount.core.DurationText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings that shape a job's graph, by option name, in canonical text: what a checkpoint
 * directory records and what a restart must repeat. One table for every source and pipeline, so
 * what counts is visible in one place.
 *
 * <p>In: source and pipeline with the options they build their streams from, the batch interval,
 * and the outputs (print, print limit, output prefix), because a recovered graph keeps writing
 * where it wrote before. Out: the master and UI port (Spark takes them from the restarted driver,
 * see {@link CheckpointedContext}), {@code --duration}, and everything else that only affects how
 * the driver runs the graph.
 */
final class GraphSettings {
  private GraphSettings() {}

  private static final Map<String, List<String>> BY_SOURCE = Map.of(
      "demo", List.of(PORT),
      "socket", List.of(HOST, PORT),
      "replay", List.of(INPUT, LINES_PER_BATCH),
      "files", List.of(DIR),
      "kafka", List.of(BROKERS, TOPICS, GROUP_ID));

  private static final Map<String, List<String>> BY_PIPELINE = Map.of(
      "count", List.of(TOKENIZER),
      "filter", List.of(TOKENIZER, MIN_LENGTH),
      "grep", List.of(MATCH),
      "stats", List.of(TOKENIZER),
      "window", List.of(TOKENIZER, WINDOW, SLIDE, CHECKPOINT_INTERVAL),
      "count-window", List.of(TOKENIZER, WINDOW, SLIDE, CHECKPOINT_INTERVAL),
      "errors", List.of(MATCH, WINDOW, SLIDE, ALERT_ABOVE, CHECKPOINT_INTERVAL),
      "top", List.of(TOKENIZER, WINDOW, SLIDE, TOP, CHECKPOINT_INTERVAL),
      "cumulative", List.of(TOKENIZER, CHECKPOINT_INTERVAL),
      "state", List.of(TOKENIZER, IDLE_TIMEOUT, CHECKPOINT_INTERVAL));

  /** The graph-shaping settings of {@code o}, in a stable order. */
  static Map<String, String> of(Options o) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(SOURCE, o.source());
    for (String name : BY_SOURCE.getOrDefault(o.source(), List.of())) {
      s.put(name, value(o, name));
    }
    s.put(PIPELINE, o.pipeline());
    s.put(BATCH, DurationText.format(o.batchMs()));
    for (String name : BY_PIPELINE.getOrDefault(o.pipeline(), List.of())) {
      s.put(name, value(o, name));
    }
    s.put(NO_PRINT, Boolean.toString(!o.print()));
    if (o.print()) {
      s.put(PRINT_LIMIT, Integer.toString(o.printLimit()));
    }
    s.put(OUTPUT, orNone(o.output()));
    if (o.db() != null) {
      // Only when given, so checkpoints written before --db existed still match. The URL is the
      // credential-free one: this record is a file anyone who can read the checkpoint can read.
      s.putAll(new java.util.TreeMap<>(dbSettings(o).graphSettings()));
    }
    return s;
  }

  private static DbSettings dbSettings(Options o) {
    try {
      return DbSettings.parse(o.db(), o.dbTablePrefix(), o.dbConf(), o.pipeline(), o.alertAbove())
          .settings();
    } catch (UsageException e) {
      throw new IllegalStateException("--db was validated before: " + e.getMessage(), e);
    }
  }

  private static String value(Options o, String name) {
    switch (name) {
      case PORT: return Integer.toString(o.port());
      case HOST: return o.host();
      case INPUT: return orNone(o.input());
      case LINES_PER_BATCH: return Integer.toString(o.linesPerBatch());
      case DIR: return orNone(o.dir());
      case BROKERS: return o.brokers();
      case TOPICS: return String.join(",", o.topics());
      case GROUP_ID: return o.groupId();
      case TOKENIZER: return o.tokenizer().cliName();
      case MIN_LENGTH: return Integer.toString(o.minLength());
      case MATCH: return o.match();
      case WINDOW: return DurationText.format(o.windowMs());
      case SLIDE: return DurationText.format(o.slideMs());
      case TOP: return Integer.toString(o.top());
      case ALERT_ABOVE: return o.alertAbove() < 0 ? "none" : Long.toString(o.alertAbove());
      case IDLE_TIMEOUT: return o.idleTimeoutMs() > 0 ? DurationText.format(o.idleTimeoutMs()) : "none";
      case CHECKPOINT_INTERVAL:
        return o.checkpointIntervalMs() > 0 ? DurationText.format(o.checkpointIntervalMs()) : "default";
      default: throw new IllegalArgumentException("not a graph setting: " + name);
    }
  }

  private static String orNone(String value) {
    return value == null ? "none" : value;
  }
}
