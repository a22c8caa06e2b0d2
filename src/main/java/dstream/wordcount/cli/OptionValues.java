package dstream.wordcount.cli;

import dstream.wordcount.core.DurationText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;
import org.apache.spark.network.util.JavaUtils;

/**
 * The resolved option values of one run, immutable: each option comes from the command line, then
 * the conf file ({@code --conf FILE}, default {@code conf/wordcount.properties}), then the default
 * of the declaration that reads it (so a component may declare its own default for a shared option,
 * as the {@code errors} pipeline does for {@code --window}). Conf keys are the declared option
 * names; keys starting {@code spark.} and {@code kafka.} are kept apart; any other key is refused.
 *
 * <p>Durations are parsed by Spark's own {@code JavaUtils.timeStringAsMs} (a plain static helper,
 * no Spark runtime), but a bare number is refused: Spark would read {@code 2} as 2 ms.
 */
public final class OptionValues {
  /** Conf-file keys with this prefix go to the SparkConf unchanged. */
  public static final String SPARK_PREFIX = "spark.";
  /** Conf-file keys with this prefix go to the Kafka consumer, prefix removed. */
  public static final String KAFKA_PREFIX = "kafka.";

  private final Map<String, String> commandLine;
  private final Map<String, String> conf;
  private final Map<String, String> sparkConf;
  private final Map<String, String> kafkaConf;

  private OptionValues(Map<String, String> commandLine, Map<String, String> conf) {
    this.commandLine = Collections.unmodifiableMap(commandLine);
    this.conf = Collections.unmodifiableMap(conf);
    this.sparkConf = Collections.unmodifiableMap(prefixed(conf, SPARK_PREFIX, false));
    this.kafkaConf = Collections.unmodifiableMap(prefixed(conf, KAFKA_PREFIX, true));
  }

  /**
   * Parses the command line against {@code declared}. {@code confOption} names the conf-file
   * option; {@code defaultConf} is read when it is absent and the file exists; a {@code --conf}
   * file that does not exist is an error. {@code notConfKeys} are options a conf file may not set.
   */
  static OptionValues parse(String[] args, Path defaultConf, Collection<OptionSpec> declared,
      String confOption, Collection<String> notConfKeys) throws UsageException {
    return parse(args, defaultConf, declared, confOption, notConfKeys, Map.of());
  }

  /**
   * As above; {@code owners} names the component that declares a conf-only option (by option
   * name), for the refusal of an unknown key of that option's dotted family.
   */
  static OptionValues parse(String[] args, Path defaultConf, Collection<OptionSpec> declared,
      String confOption, Collection<String> notConfKeys, Map<String, String> owners)
      throws UsageException {
    org.apache.commons.cli.Options cli = commandLineOptions(declared);
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(cli, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage() + " (see --help)");
    }
    if (!cl.getArgList().isEmpty()) {
      throw new UsageException(
          "unexpected argument '" + cl.getArgList().get(0) + "': options are written --name value");
    }
    Map<String, String> given = new LinkedHashMap<>();
    for (Option o : cl.getOptions()) {
      given.put(o.getLongOpt(), o.hasArg() ? o.getValue() : "true");
    }
    Properties props = new Properties();
    if (given.containsKey(confOption)) {
      Path file = Path.of(given.get(confOption));
      if (!Files.isReadable(file)) {
        throw new UsageException("--" + confOption + " " + file + ": no such readable file");
      }
      load(file, props, declared, notConfKeys, owners);
    } else if (defaultConf != null && Files.isReadable(defaultConf)) {
      load(defaultConf, props, declared, notConfKeys, owners);
    }
    Map<String, String> conf = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      conf.put(key, props.getProperty(key).trim());
    }
    return new OptionValues(given, conf);
  }

  /** The commons-cli view of the declarations: one option per name, conf-only ones left out. */
  static org.apache.commons.cli.Options commandLineOptions(Collection<OptionSpec> declared) {
    org.apache.commons.cli.Options cli = new org.apache.commons.cli.Options();
    for (OptionSpec s : declared) {
      if (s.confOnly() || cli.hasLongOption(s.name())) {
        continue;
      }
      Option.Builder b = s.name().equals("help") ? Option.builder("h") : Option.builder();
      b.longOpt(s.name()).desc(s.shownHelp());
      if (!s.isFlag()) {
        b.hasArg().argName(s.argName());
      }
      cli.addOption(b.build());
    }
    return cli;
  }

  private static void load(Path file, Properties into, Collection<OptionSpec> declared,
      Collection<String> notConfKeys, Map<String, String> owners) throws UsageException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      into.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("--conf " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    for (String key : into.stringPropertyNames()) {
      if (!key.startsWith(SPARK_PREFIX) && !key.startsWith(KAFKA_PREFIX)
          && (notConfKeys.contains(key) || declared.stream().noneMatch(s -> s.name().equals(key)))) {
        List<String> family = family(key, declared);
        if (!family.isEmpty()) {
          throw new UsageException("conf key '" + key + "' is unknown: the " + owners.getOrDefault(
              family.get(0), key.substring(0, key.indexOf('.'))) + " keys are " + and(family));
        }
        throw new UsageException(file + ": unknown key '" + key
            + "'; keys are option names without dashes, spark.* or kafka.*");
      }
    }
  }

  /**
   * The declared conf-only keys sharing {@code key}'s dotted prefix ({@code db.pasword}: db.user,
   * db.password), so a typo in such a family is answered with the keys it has.
   */
  private static List<String> family(String key, Collection<OptionSpec> declared) {
    int dot = key.indexOf('.');
    List<String> names = new ArrayList<>();
    if (dot > 0) {
      for (OptionSpec s : declared) {
        if (s.confOnly() && s.name().startsWith(key.substring(0, dot + 1))) {
          names.add(s.name());
        }
      }
    }
    return names;
  }

  private static String and(List<String> names) {
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  private static Map<String, String> prefixed(Map<String, String> conf, String prefix, boolean strip) {
    Map<String, String> out = new TreeMap<>();
    conf.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        out.put(strip ? key.substring(prefix.length()) : key, value);
      }
    });
    return out;
  }

  /** True when option {@code name} was set on the command line or in the conf file. */
  public boolean given(String name) {
    return commandLine.containsKey(name) || conf.containsKey(name);
  }

  /** True when option {@code name} was set on the command line. */
  public boolean onCommandLine(String name) {
    return commandLine.containsKey(name);
  }

  /** The conf file's value of {@code key} (an option name or a {@code spark.*} key), else null. */
  public String inConfFile(String key) {
    return conf.get(key);
  }

  /** The text of {@code spec}: command line, else conf file, else its default (maybe null). */
  public String raw(OptionSpec spec) {
    String v = commandLine.get(spec.name());
    if (v == null) {
      v = conf.get(spec.name());
    }
    return v != null ? v : spec.defaultValue();
  }

  /** The value as text, null when unset. */
  public String text(OptionSpec spec) {
    return raw(spec);
  }

  /** The value as text, null when unset or blank. */
  public String optionalText(OptionSpec spec) {
    String r = raw(spec);
    return r == null || r.isBlank() ? null : r;
  }

  /** A flag: true when given (or set to true in the conf file). */
  public boolean flag(OptionSpec spec) throws UsageException {
    String r = raw(spec);
    if (r == null || r.equals("false")) {
      return false;
    }
    if (r.equals("true")) {
      return true;
    }
    throw new UsageException(spec.name() + " must be true or false (got '" + r + "')");
  }

  /** The comma-separated items, blanks dropped. */
  public List<String> list(OptionSpec spec) {
    String r = raw(spec);
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

  /** One of {@code choices}, else a usage error listing them. */
  public String choice(OptionSpec spec, String... choices) throws UsageException {
    String r = raw(spec);
    for (String c : choices) {
      if (c.equals(r)) {
        return r;
      }
    }
    throw new UsageException(spec.flagName() + " must be " + String.join(" or ", choices)
        + " (got '" + r + "')");
  }

  /** A positive duration in milliseconds; the option must have a value. */
  public long duration(OptionSpec spec) throws UsageException {
    return parseDurationOf(spec.flagName(), raw(spec));
  }

  /** A positive duration in milliseconds, or 0 when unset. */
  public long optionalDuration(OptionSpec spec) throws UsageException {
    String r = optionalText(spec);
    return r == null ? 0L : parseDurationOf(spec.flagName(), r);
  }

  /** A whole number in {@code [min, max]}. */
  public int integer(OptionSpec spec, int min, int max) throws UsageException {
    return (int) longValue(spec, min, max);
  }

  /** A whole number in {@code [min, max]}. */
  public long longValue(OptionSpec spec, long min, long max) throws UsageException {
    String r = raw(spec);
    long n;
    try {
      n = Long.parseLong(r.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException(spec.flagName() + " must be a whole number (got '" + r + "')");
    }
    if (n < min || n > max) {
      String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE
          ? "at least " + min : "between " + min + " and " + max;
      throw new UsageException(spec.flagName() + " must be " + range + " (got " + n + ")");
    }
    return n;
  }

  /**
   * The value of {@code spec} in canonical text, as the checkpoint settings record writes it:
   * durations as {@link DurationText}, lists joined by commas, {@link OptionSpec#unset()} when there
   * is no value. Call it only after the component parsed its settings (the value is valid).
   */
  public String canonical(OptionSpec spec) throws UsageException {
    String r = optionalText(spec);
    if (spec.isFlag()) {
      return Boolean.toString(flag(spec));
    }
    if (r == null) {
      return spec.unset();
    }
    switch (spec.type()) {
      case DURATION: return DurationText.format(parseDuration(spec.name(), r));
      case NUMBER: return Long.toString(Long.parseLong(r.trim()));
      case LIST: return String.join(",", list(spec));
      default: return r;
    }
  }

  /** {@code spark.*} keys of the conf file. */
  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  /** {@code kafka.*} keys of the conf file, prefix removed. */
  public Map<String, String> kafkaConf() {
    return kafkaConf;
  }

  /**
   * Parses a duration such as {@code 500ms}, {@code 2s} or {@code 1m} into milliseconds.
   *
   * @throws UsageException naming {@code option} when the text is not a positive duration
   */
  public static long parseDuration(String option, String text) throws UsageException {
    return parseDurationOf("--" + option, text);
  }

  /** {@link #parseDuration}, the option named as {@code flag} ({@code --x} or {@code conf key x}). */
  private static long parseDurationOf(String flag, String text) throws UsageException {
    String t = text.trim();
    if (t.matches("-?\\d+")) {
      throw new UsageException(flag + " needs a unit, e.g. " + t + "s or " + t + "ms");
    }
    long ms;
    try {
      ms = JavaUtils.timeStringAsMs(t);
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag + ": '" + text + "' is not a duration; write e.g. 500ms, 2s or 1m");
    }
    if (ms <= 0) {
      throw new UsageException(flag + " must be positive (got '" + text + "')");
    }
    return ms;
  }
}
