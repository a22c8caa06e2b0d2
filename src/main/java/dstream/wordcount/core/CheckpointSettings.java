package dstream.wordcount.core;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The settings that shaped a checkpointed graph, recorded next to Spark's checkpoint in
 * {@value #FILE_NAME}. Spark recovers the graph it serialized and silently ignores whatever the
 * restarted driver was asked to do; comparing this record with the current settings turns that
 * into a refusal that says what differs and how to get out.
 *
 * <p>Besides the graph settings (option name to canonical text), the record holds the format
 * version of this tool's checkpoints and the Spark version: a checkpoint is Java-serialized
 * classes, unreadable by another build. Plain Java, no Spark, so it is unit-tested alone; reading
 * and writing the file is left to the caller (the checkpoint may live on any Hadoop file system).
 */
public final class CheckpointSettings {
  /** The name of the record inside the checkpoint directory. */
  public static final String FILE_NAME = "wordcount-settings.properties";
  /**
   * Version of what this tool puts in a checkpoint. Raise it whenever a change to the graph's
   * classes makes old checkpoints unreadable (2: the run and the DStream engine moved to their
   * own packages).
   */
  public static final String FORMAT_VERSION = "2";

  static final String FORMAT_KEY = "format-version";
  static final String SPARK_KEY = "spark-version";
  private static final String NOT_SET = "(not set)";

  private final String formatVersion;
  private final String sparkVersion;
  private final Map<String, String> graph;

  private CheckpointSettings(String formatVersion, String sparkVersion, Map<String, String> graph) {
    this.formatVersion = formatVersion;
    this.sparkVersion = sparkVersion;
    this.graph = Collections.unmodifiableMap(new LinkedHashMap<>(graph));
  }

  /** The settings of this build and run: {@code graph} maps option names to canonical values. */
  public static CheckpointSettings current(String sparkVersion, Map<String, String> graph) {
    return new CheckpointSettings(FORMAT_VERSION, Objects.requireNonNull(sparkVersion), graph);
  }

  public String formatVersion() {
    return formatVersion;
  }

  public String sparkVersion() {
    return sparkVersion;
  }

  /** The graph settings, in the order they were given. */
  public Map<String, String> graph() {
    return graph;
  }

  /** The file's text: a comment, the two versions, then one {@code key=value} per setting. */
  public String toText() {
    StringBuilder sb = new StringBuilder()
        .append("# dstream-wordcount: the settings that shaped the job checkpointed here.\n")
        .append("# Restarting with this checkpoint directory needs the same settings.\n");
    sb.append(line(FORMAT_KEY, formatVersion)).append(line(SPARK_KEY, sparkVersion));
    graph.forEach((k, v) -> sb.append(line(k, v)));
    return sb.toString();
  }

  /** One escaped {@code key=value} line, by {@link Properties} itself so that load reads it back. */
  private static String line(String key, String value) {
    Properties one = new Properties();
    one.setProperty(key, value);
    StringWriter w = new StringWriter();
    try {
      one.store(w, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    String stored = w.toString();
    return stored.substring(stored.indexOf('\n') + 1); // drop the date comment
  }

  /** Reads a record written by {@link #toText}; a missing version reads as {@code "(not set)"}. */
  public static CheckpointSettings parse(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    Map<String, String> graph = new LinkedHashMap<>();
    // Properties forgets the order; the order of the file is only for people reading it.
    for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
      if (!key.equals(FORMAT_KEY) && !key.equals(SPARK_KEY)) {
        graph.put(key, p.getProperty(key));
      }
    }
    return new CheckpointSettings(
        p.getProperty(FORMAT_KEY, NOT_SET), p.getProperty(SPARK_KEY, NOT_SET), graph);
  }

  /**
   * The settings that differ, each as {@code "window was 10s, now 20s"}: first those of this run
   * in their order, then those only {@code recorded} has.
   */
  public List<String> differences(CheckpointSettings recorded) {
    Set<String> keys = new LinkedHashSet<>(graph.keySet());
    keys.addAll(recorded.graph.keySet());
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      String was = recorded.graph.getOrDefault(key, NOT_SET);
      String now = graph.getOrDefault(key, NOT_SET);
      if (!was.equals(now) && !offOnBothSides(was, now)) {
        out.add(key + " was " + was + ", now " + now);
      }
    }
    return out;
  }

  /**
   * An option one side does not know at all (a record written before the option existed, e.g.
   * {@code stopwords} or {@code db}) against that option switched off on the other side builds the
   * same graph, so upgrading the build keeps a checkpoint recoverable. "Off" is how the record
   * writes an unset option: {@code none} for a value, {@code false} for a flag, {@code text}
   * for {@code --format}, whose default decodes nothing, {@code dstream} for {@code --engine}
   * (records written before there were two engines are the DStream engine's) and {@code batch}
   * for {@code --trigger} (before real-time mode, every run was micro-batches).
   */
  private static boolean offOnBothSides(String was, String now) {
    return (was.equals(NOT_SET) && isOff(now)) || (now.equals(NOT_SET) && isOff(was));
  }

  private static boolean isOff(String value) {
    return value.equals("none") || value.equals("false") || value.equals("text")
        || value.equals("dstream") || value.equals("batch");
  }

  /** True when {@code recorded} was written by a build whose checkpoints this one can read. */
  public boolean compatibleWith(CheckpointSettings recorded) {
    return formatVersion.equals(recorded.formatVersion) && sparkVersion.equals(recorded.sparkVersion);
  }

  /**
   * Why a run with these settings must not recover the checkpoint in {@code dir} recorded with
   * {@code recorded}, as one line naming the fix; null when it may.
   */
  public String refusal(String dir, CheckpointSettings recorded) {
    if (!compatibleWith(recorded)) {
      return "--checkpoint " + dir + " was written by an incompatible version (checkpoint format "
          + recorded.formatVersion + ", Spark " + recorded.sparkVersion + "; this build: format "
          + formatVersion + ", Spark " + sparkVersion
          + "): pass a new --checkpoint directory, or run the version that wrote it";
    }
    List<String> diff = differences(recorded);
    if (diff.isEmpty()) {
      return null;
    }
    return "--checkpoint " + dir + " holds a job started with other settings ("
        + String.join("; ", diff) + "): rerun with the settings recorded in " + FILE_NAME
        + " there, or pass a new --checkpoint directory to start afresh";
  }

  /** The refusal for a Spark checkpoint that has no record, i.e. another tool or an old build. */
  public static String unrecorded(String dir) {
    return "--checkpoint " + dir + " holds a Spark checkpoint without " + FILE_NAME
        + ", so it was not written by this version of dstream-wordcount: pass a new --checkpoint"
        + " directory";
  }
}
