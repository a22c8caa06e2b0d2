package dstream.wordcount.tools;

import dstream.wordcount.cli.ConfFile;
import dstream.wordcount.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code bin/produce}'s command line, parsed: the topic, where the lines come from, the pace and
 * the producer's {@code kafka.*} keys of a conf file.
 *
 * @param kafkaConf the conf file's {@code kafka.*} keys without the prefix (empty without --conf)
 * @param input a file, {@code -} for stdin, or null (with --demo)
 * @param count messages to send, -1 for all
 */
record ProduceSettings(String topic, Map<String, String> kafkaConf, String brokers, String input,
    boolean demo, long intervalMs, long count, int partitions) {
  /** The settings, or null when help was asked for. */
  static ProduceSettings parse(String[] args) throws UsageException {
    // A lone "-" reads stdin, like --input -.
    CommandLine cl = ToolCli.parse(spec(), args, List.of("-"));
    if (cl.hasOption("help")) {
      return null;
    }
    List<String> rest = cl.getArgList();
    boolean dash = !rest.isEmpty();
    if (rest.size() > 1 || (dash && cl.hasOption("input"))) {
      throw new UsageException("unexpected argument '" + rest.get(rest.size() - 1)
          + "': options are written --name value (see --help)");
    }
    String topic = cl.getOptionValue("topic");
    if (topic == null || topic.isBlank()) {
      throw new UsageException("--topic T is required: the topic to send to");
    }
    String brokers = cl.getOptionValue("brokers", "localhost:9092");
    String input = dash ? "-" : cl.getOptionValue("input");
    boolean demo = cl.hasOption("demo");
    if (demo && input != null) {
      throw new UsageException("--input and --demo exclude each other: pick one source of lines");
    }
    if (input != null && !input.equals("-") && !Files.isReadable(Path.of(input))) {
      throw new UsageException("--input " + input + ": no such readable file");
    }
    String interval = cl.getOptionValue("interval", demo ? "2s" : "0");
    long intervalMs = ToolCli.pause("interval", interval);
    long count = cl.hasOption("count") ? ToolCli.positive("count", cl.getOptionValue("count")) : -1;
    int partitions = (int) (cl.hasOption("partitions")
        ? ToolCli.positive("partitions", cl.getOptionValue("partitions")) : 1);
    if (partitions > 10_000) {
      throw new UsageException("--partitions must be at most 10000 (got " + partitions + ")");
    }
    Map<String, String> kafkaConf = cl.hasOption("conf")
        ? ConfFile.kafkaKeys(Path.of(cl.getOptionValue("conf"))) : Map.of();
    return new ProduceSettings(topic, kafkaConf, brokers, input, demo, intervalMs, count, partitions);
  }

  private static Options spec() {
    return ToolCli.withHelp(
        ToolCli.valued("topic", "T", "topic to send to; created if missing"),
        ToolCli.valued("brokers", "LIST", "bootstrap servers (default: localhost:9092)"),
        ToolCli.valued("input", "FILE", "send the lines of FILE; - reads stdin (the default without --demo)"),
        Option.builder().longOpt("demo")
            .desc("send the demo messages in a loop (\"This is an important message\", ...)").build(),
        ToolCli.valued("interval", "D", "pause after each message, e.g. 500ms, 2s; 0 for none "
            + "(default: 2s with --demo, else 0)"),
        ToolCli.valued("count", "N", "stop after N messages (default: all lines; --demo: until Ctrl-C)"),
        ToolCli.valued("partitions", "N", "partitions of a topic this creates (default: 1)"),
        ToolCli.valued("conf", "FILE", "take the kafka.* keys of FILE (e.g. conf/wordcount.properties:"
            + " security.protocol, ssl.*, sasl.*) for the producer and admin clients, as the source"
            + " does; other keys are ignored"));
  }

  static void printHelp(PrintStream out) {
    ToolCli.printHelp(out,
        "bin/produce --topic T [--brokers localhost:9092] [--input FILE | - | --demo] "
            + "[--interval D] [--count N] [--partitions N] [--conf FILE]",
        "Sends lines to a Kafka topic, one record per line, and prints each send.",
        spec(), "\nExit codes: 0 done, 2 usage error, 1 broker unreachable or send failed.");
  }
}
