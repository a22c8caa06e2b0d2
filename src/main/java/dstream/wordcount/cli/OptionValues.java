package dstream.wordcount.cli;

import dstream.wordcount.core.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;

/**
 * The resolved option values of one run, immutable: each option comes from the command line, then
 * the conf file ({@code --conf FILE}, default {@code conf/wordcount.properties}), then the default
 * of the declaration that reads it (so a component may declare its own default for a shared option,
 * as the {@code errors} pipeline does for {@code --window}). Conf keys are the declared option
 * names; keys starting {@code spark.} and {@code kafka.} are kept apart; any other key is refused.
 * Durations are read by {@link Durations}.
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
    this.sparkConf = Collections.unmodifiableMap(ConfFile.withPrefix(conf, SPARK_PREFIX, false));
    this.kafkaConf = Collections.unmodifiableMap(ConfFile.withPrefix(conf, KAFKA_PREFIX, true));
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
    Map<String, String> conf = Map.of();
    if (given.containsKey(confOption)) {
      Path file = Path.of(given.get(confOption));
      if (!Files.isReadable(file)) {
        throw new UsageException("--" + confOption + " " + file + ": no such readable file");
      }
      conf = ConfFile.read(file, declared, notConfKeys, owners);
    } else if (defaultConf != null && Files.isReadable(defaultConf)) {
      conf = ConfFile.read(defaultConf, declared, notConfKeys, owners);
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
    return Durations.parseFlagged(spec.flagName(), raw(spec));
  }

  /** A positive duration in milliseconds, or 0 when unset. */
  public long optionalDuration(OptionSpec spec) throws UsageException {
    String r = optionalText(spec);
    return r == null ? 0L : Durations.parseFlagged(spec.flagName(), r);
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
      case DURATION: return DurationText.format(Durations.parse(spec.name(), r));
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
}
