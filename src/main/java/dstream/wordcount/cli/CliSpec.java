package dstream.wordcount.cli;

import static dstream.wordcount.cli.OptionNames.*;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;

/**
 * The typed description of every option: its argument, what it means and its built-in default.
 * {@code --help}, the conf-file key check and {@link Options} all read this one table.
 */
public final class CliSpec {
  private CliSpec() {}

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  private static final org.apache.commons.cli.Options OPTIONS = new org.apache.commons.cli.Options();

  static {
    add(SOURCE, "S", "demo|socket|replay|files|kafka: where lines come from", "demo");
    add(PIPELINE, "P",
        "count|filter|grep|stats|window|count-window|errors|top|cumulative|state: what is computed",
        "count");
    add(MASTER, "URL", "Spark master URL", "local[2]");
    add(BATCH, "D", "batch interval, e.g. 500ms, 2s, 1m", "1s");
    add(DURATION, "D", "stop gracefully after this long (default: run until Ctrl-C or SIGTERM)", null);
    add(OUTPUT, "PREFIX", "also write each batch to directories PREFIX-<batch time ms>.txt", null);
    flag(NO_PRINT, "no console output of batch results");
    add(PRINT_LIMIT, "N", "console: records shown per batch", "20");
    add(CHECKPOINT, "DIR",
        "checkpoint directory; restarting with the same DIR recovers the job "
            + "(default: a temporary directory where a pipeline needs one)", null);
    add(CHECKPOINT_INTERVAL, "D",
        "how often the state is checkpointed: a multiple of --slide for windowed pipelines, of"
            + " --batch for cumulative and state (default: 5 slides, 5 batches)", null);
    add(TOKENIZER, "T",
        "whitespace (split on whitespace, case kept) or words (lower-case letters/digits)",
        "whitespace");
    add(MIN_LENGTH, "N", "filter: keep words of at least N characters", "3");
    add(MATCH, "TEXT", "grep, errors: lines containing TEXT", "ERROR");
    add(WINDOW, "D", "window length, a multiple of --batch (errors: 30s)", "10s");
    add(SLIDE, "D", "window slide, a multiple of --batch (errors: 10s)", "5s");
    add(TOP, "N", "top: words shown per window", "10");
    add(ALERT_ABOVE, "N", "errors: print an ALERT line when a window counts more than N", null);
    add(IDLE_TIMEOUT, "D",
        "state: evict words not seen for this long (noticed at the next checkpoint of the state)",
        null);
    add(HOST, "HOST", "socket source: host to connect to", "localhost");
    add(PORT, "PORT", "socket source: port to connect to", "9999");
    add(INPUT, "FILE", "replay source: the file to replay", null);
    add(LINES_PER_BATCH, "N", "replay source: lines per batch", "1000");
    add(DIR, "DIR", "files source: directory watched for new files (write elsewhere, then mv in)",
        null);
    add(BROKERS, "LIST", "kafka source: bootstrap servers", "localhost:9092");
    add(TOPICS, "LIST", "kafka source: comma-separated topics", null);
    add(GROUP_ID, "G", "kafka source: consumer group", "dstream-wordcount");
    add(STARTING_OFFSETS, "W", "kafka source: earliest|latest, where a new group starts", "latest");
    add(DB, "URL", "also write every batch's results, exactly once, to jdbc:sqlite:PATH or"
        + " jdbc:postgresql://HOST:PORT/DB (credentials: db.user, db.password in the conf file)",
        null);
    add(DB_TABLE_PREFIX, "P", "--db: prefix of the table names", "wordcount_");
    add(UI_PORT, "PORT", "Spark web UI port (spark.ui.enabled=false in --conf turns it off)", "4040");
    add(CONF, "FILE", "properties file of option defaults and spark.*/kafka.* settings",
        "conf/wordcount.properties");
    OPTIONS.addOption(Option.builder("h").longOpt(HELP).desc("print this help and exit").build());
  }

  private static void add(String name, String arg, String description, String dflt) {
    DEFAULTS.put(name, dflt);
    String shown = dflt == null ? description : description + " (default: " + dflt + ")";
    OPTIONS.addOption(Option.builder().longOpt(name).hasArg().argName(arg).desc(shown).build());
  }

  private static void flag(String name, String description) {
    DEFAULTS.put(name, "false");
    OPTIONS.addOption(Option.builder().longOpt(name).desc(description).build());
  }

  /** The commons-cli view of the options. */
  static org.apache.commons.cli.Options options() {
    return OPTIONS;
  }

  /** Built-in defaults by option name (null where there is none). */
  static Map<String, String> defaults() {
    return Collections.unmodifiableMap(DEFAULTS);
  }

  /** True when {@code key} may appear in the conf file as an option default. */
  static boolean isSettable(String key) {
    return DEFAULTS.containsKey(key) && !CONF.equals(key);
  }

  /** True when the option takes no argument. */
  static boolean isFlag(String name) {
    Option o = OPTIONS.getOption(name);
    return o != null && !o.hasArg();
  }

  /** Writes the usage text. */
  public static void printHelp(PrintWriter out) {
    HelpFormatter help = new HelpFormatter();
    help.setOptionComparator(null); // keep the declaration order: source and pipeline first
    help.printHelp(
        out,
        100,
        "bin/run-wordcount [--source S] [--pipeline P] [options]",
        "\nSpark Streaming (DStream) word counts. Durations: 500ms, 2s, 1m. Every option can also be"
            + " set in the conf file (key = option name); command line wins.\n\n",
        OPTIONS,
        2,
        3,
        "\nExit codes: 0 done, 2 usage or configuration error, 1 runtime failure.",
        false);
    out.flush();
  }
}
