package dstream.wordcount.cli;

import static dstream.wordcount.cli.OptionNames.*;

import dstream.wordcount.core.Tokenizer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.apache.spark.network.util.JavaUtils;

/**
 * The parsed, validated and immutable run configuration. Values come from the command line, then
 * the conf file ({@code --conf FILE}, default {@code conf/wordcount.properties}), then the built-in
 * defaults of {@link CliSpec}. Only syntax and ranges are checked here; whether a source or
 * pipeline can use a value is checked by that source or pipeline.
 *
 * <p>Durations are parsed by Spark's own {@code JavaUtils.timeStringAsMs} (a plain static helper,
 * no Spark runtime), but a bare number is refused: Spark would read {@code 2} as 2 ms.
 */
public final class Options {
  /** The system property spark-submit sets to its {@code --master}. */
  static final String SPARK_MASTER = "spark.master";

  /** The conf file used when {@code --conf} is not given; a missing default file is fine. */
  public static final String DEFAULT_CONF = "conf/wordcount.properties";

  private final boolean help;
  private final String source;
  private final String pipeline;
  private final String master;
  private final long batchMs;
  private final long durationMs;
  private final String output;
  private final boolean print;
  private final int printLimit;
  private final String checkpoint;
  private final long checkpointIntervalMs;
  private final Tokenizer tokenizer;
  private final int minLength;
  private final String match;
  private final long windowMs;
  private final long slideMs;
  private final int top;
  private final long alertAbove;
  private final long idleTimeoutMs;
  private final String host;
  private final int port;
  private final java.util.Set<String> given;
  private final String input;
  private final int linesPerBatch;
  private final String dir;
  private final String brokers;
  private final List<String> topics;
  private final String groupId;
  private final String startingOffsets;
  private final int uiPort;
  private final Map<String, String> sparkConf;
  private final Map<String, String> kafkaConf;
  private final String db;
  private final String dbTablePrefix;
  private final Map<String, String> dbConf;

  private Options(Values v) throws UsageException {
    help = v.flag(HELP);
    source = v.text(SOURCE);
    pipeline = v.text(PIPELINE);
    // Under spark-submit, its --master (the spark.master system property) is the default, so
    // `spark-submit --master yarn app.jar --source ...` runs on YARN, not in local[2].
    master = v.given(MASTER) ? v.text(MASTER) : System.getProperty(SPARK_MASTER, v.text(MASTER));
    batchMs = v.positiveDuration(BATCH);
    durationMs = v.optionalDuration(DURATION);
    output = v.optionalText(OUTPUT);
    print = !v.flag(NO_PRINT);
    printLimit = v.integer(PRINT_LIMIT, 0, Integer.MAX_VALUE);
    checkpoint = v.optionalText(CHECKPOINT);
    checkpointIntervalMs = v.optionalDuration(CHECKPOINT_INTERVAL);
    tokenizer = tokenizerOf(v.text(TOKENIZER));
    minLength = v.integer(MIN_LENGTH, 1, Integer.MAX_VALUE);
    match = v.text(MATCH);
    if (match.isEmpty()) {
      throw new UsageException("--match must not be empty: give the text lines must contain");
    }
    boolean errorsDefaults = "errors".equals(pipeline);
    windowMs = v.given(WINDOW) || !errorsDefaults ? v.positiveDuration(WINDOW) : 30_000L;
    slideMs = v.given(SLIDE) || !errorsDefaults ? v.positiveDuration(SLIDE) : 10_000L;
    top = v.integer(TOP, 1, Integer.MAX_VALUE);
    alertAbove = v.given(ALERT_ABOVE) ? v.longValue(ALERT_ABOVE, 0, Long.MAX_VALUE) : -1L;
    idleTimeoutMs = v.optionalDuration(IDLE_TIMEOUT);
    host = v.text(HOST);
    port = v.integer(PORT, 1, 65535);
    input = v.optionalText(INPUT);
    linesPerBatch = v.integer(LINES_PER_BATCH, 1, Integer.MAX_VALUE);
    dir = v.optionalText(DIR);
    brokers = v.text(BROKERS);
    topics = v.list(TOPICS);
    groupId = v.text(GROUP_ID);
    startingOffsets = v.text(STARTING_OFFSETS);
    if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
      throw new UsageException(
          "--starting-offsets must be earliest or latest (got '" + startingOffsets + "')");
    }
    uiPort = v.integer(UI_PORT, 0, 65535);
    sparkConf = Collections.unmodifiableMap(v.prefixed(SPARK_PREFIX, false));
    kafkaConf = Collections.unmodifiableMap(v.prefixed(KAFKA_PREFIX, true));
    db = v.optionalText(DB);
    dbTablePrefix = v.text(DB_TABLE_PREFIX);
    dbConf = Collections.unmodifiableMap(v.prefixed(DB_PREFIX, true));
    java.util.Set<String> set = new java.util.TreeSet<>();
    for (String name : CliSpec.defaults().keySet()) {
      if (v.given(name)) {
        set.add(name);
      }
    }
    given = Collections.unmodifiableSet(set);
  }

  /** Parses the command line, reading the default conf file relative to the working directory. */
  public static Options fromArgs(String... args) throws UsageException {
    return fromArgs(args, Path.of(DEFAULT_CONF));
  }

  /**
   * Parses the command line. {@code defaultConf} is read when {@code --conf} is absent and the file
   * exists; a {@code --conf} file that does not exist is an error.
   */
  public static Options fromArgs(String[] args, Path defaultConf) throws UsageException {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(CliSpec.options(), args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage() + " (see --help)");
    }
    if (!cl.getArgList().isEmpty()) {
      throw new UsageException(
          "unexpected argument '" + cl.getArgList().get(0) + "': options are written --name value");
    }
    Properties conf = new Properties();
    if (cl.hasOption(CONF)) {
      Path file = Path.of(cl.getOptionValue(CONF));
      if (!Files.isReadable(file)) {
        throw new UsageException("--conf " + file + ": no such readable file");
      }
      load(file, conf);
    } else if (defaultConf != null && Files.isReadable(defaultConf)) {
      load(defaultConf, conf);
    }
    return new Options(new Values(cl, conf));
  }

  private static void load(Path file, Properties into) throws UsageException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      into.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("--conf " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    for (String key : into.stringPropertyNames()) {
      if (!key.startsWith(SPARK_PREFIX) && !key.startsWith(KAFKA_PREFIX)
          && !key.startsWith(DB_PREFIX) && !CliSpec.isSettable(key)) {
        throw new UsageException(
            file + ": unknown key '" + key + "'; keys are option names without dashes, spark.* or kafka.*");
      }
    }
  }

  private static Tokenizer tokenizerOf(String name) throws UsageException {
    Tokenizer t = Tokenizer.byName(name);
    if (t == null) {
      throw new UsageException("--tokenizer must be whitespace or words (got '" + name + "')");
    }
    return t;
  }

  /**
   * Parses a duration such as {@code 500ms}, {@code 2s} or {@code 1m} into milliseconds.
   *
   * @throws UsageException naming {@code option} when the text is not a positive duration
   */
  public static long parseDuration(String option, String text) throws UsageException {
    String t = text.trim();
    if (t.matches("-?\\d+")) {
      throw new UsageException("--" + option + " needs a unit, e.g. " + t + "s or " + t + "ms");
    }
    long ms;
    try {
      ms = JavaUtils.timeStringAsMs(t);
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--" + option + ": '" + text + "' is not a duration; write e.g. 500ms, 2s or 1m");
    }
    if (ms <= 0) {
      throw new UsageException("--" + option + " must be positive (got '" + text + "')");
    }
    return ms;
  }

  /** Resolves each option from the command line, then the conf file, then the default. */
  private static final class Values {
    private final CommandLine cl;
    private final Properties conf;

    Values(CommandLine cl, Properties conf) {
      this.cl = cl;
      this.conf = conf;
    }

    boolean given(String name) {
      return cl.hasOption(name) || conf.getProperty(name) != null;
    }

    String raw(String name) {
      if (cl.hasOption(name)) {
        return CliSpec.isFlag(name) ? "true" : cl.getOptionValue(name);
      }
      String fromConf = conf.getProperty(name);
      return fromConf != null ? fromConf.trim() : CliSpec.defaults().get(name);
    }

    boolean flag(String name) throws UsageException {
      String r = raw(name);
      if (r == null || r.equals("false")) {
        return false;
      }
      if (r.equals("true")) {
        return true;
      }
      throw new UsageException(name + " must be true or false (got '" + r + "')");
    }

    String text(String name) {
      return raw(name);
    }

    String optionalText(String name) {
      String r = raw(name);
      return r == null || r.isBlank() ? null : r;
    }

    List<String> list(String name) {
      String r = raw(name);
      List<String> items = new ArrayList<>();
      if (r != null) {
        for (String s : r.split(",")) {
          if (!s.isBlank()) {
            items.add(s.trim());
          }
        }
      }
      return Collections.unmodifiableList(items);
    }

    long positiveDuration(String name) throws UsageException {
      return parseDuration(name, raw(name));
    }

    long optionalDuration(String name) throws UsageException {
      String r = optionalText(name);
      return r == null ? 0L : parseDuration(name, r);
    }

    int integer(String name, int min, int max) throws UsageException {
      return (int) longValue(name, min, max);
    }

    long longValue(String name, long min, long max) throws UsageException {
      String r = raw(name);
      long n;
      try {
        n = Long.parseLong(r.trim());
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be a whole number (got '" + r + "')");
      }
      if (n < min || n > max) {
        String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE
            ? "at least " + min : "between " + min + " and " + max;
        throw new UsageException("--" + name + " must be " + range + " (got " + n + ")");
      }
      return n;
    }

    Map<String, String> prefixed(String prefix, boolean strip) {
      Map<String, String> out = new TreeMap<>();
      for (String key : conf.stringPropertyNames()) {
        if (key.startsWith(prefix)) {
          out.put(strip ? key.substring(prefix.length()) : key, conf.getProperty(key).trim());
        }
      }
      return out;
    }
  }

  public boolean help() { return help; }
  public String source() { return source; }
  public String pipeline() { return pipeline; }
  /** --master, else the conf file's master, else spark-submit's master, else local[2]. */
  public String master() { return master; }
  public long batchMs() { return batchMs; }
  /** Run time before a graceful stop, 0 for "until stopped". */
  public long durationMs() { return durationMs; }
  /** Output prefix, or null when no files are written. */
  public String output() { return output; }
  public boolean print() { return print; }
  public int printLimit() { return printLimit; }
  /** Checkpoint directory, or null. */
  public String checkpoint() { return checkpoint; }
  /** Checkpoint interval of stateful streams, 0 for the default. */
  public long checkpointIntervalMs() { return checkpointIntervalMs; }
  public Tokenizer tokenizer() { return tokenizer; }
  public int minLength() { return minLength; }
  public String match() { return match; }
  public long windowMs() { return windowMs; }
  public long slideMs() { return slideMs; }
  public int top() { return top; }
  /** Alert threshold of the errors pipeline, -1 when alerts are off. */
  public long alertAbove() { return alertAbove; }
  /** Idle timeout of the state pipeline, 0 when words are never evicted. */
  public long idleTimeoutMs() { return idleTimeoutMs; }
  public String host() { return host; }
  public int port() { return port; }
  /** True when option {@code name} was set on the command line or in the conf file. */
  public boolean isGiven(String name) { return given.contains(name); }
  /** Replay input file, or null. */
  public String input() { return input; }
  public int linesPerBatch() { return linesPerBatch; }
  /** Watched directory of the files source, or null. */
  public String dir() { return dir; }
  public String brokers() { return brokers; }
  public List<String> topics() { return topics; }
  public String groupId() { return groupId; }
  public String startingOffsets() { return startingOffsets; }
  public int uiPort() { return uiPort; }
  /** {@code spark.*} keys of the conf file. */
  public Map<String, String> sparkConf() { return sparkConf; }
  /** {@code kafka.*} keys of the conf file, prefix removed. */
  public Map<String, String> kafkaConf() { return kafkaConf; }
  /** The database output's JDBC URL as given (may hold credentials: never log it), or null. */
  public String db() { return db; }
  public String dbTablePrefix() { return dbTablePrefix; }
  /** {@code db.*} keys of the conf file (the credentials), prefix removed. */
  public Map<String, String> dbConf() { return dbConf; }

  @Override
  public String toString() {
    return "Options" + Arrays.asList(source, pipeline, master, batchMs + "ms");
  }
}
