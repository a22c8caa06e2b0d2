package dstream.wordcount.bench;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.ParseException;

/** The parsed command line of {@code bin/bench}. */
public record BenchArgs(
    boolean help, boolean quick, Path results, long heapDurationMs, Set<String> only, Path conf) {
  /** The measures, in the order they run. */
  public static final List<String> MEASURES =
      List.of("count", "state", "structured", "growth", "recovery", "window", "interval", "socket", "kafka", "db", "heap",
          "engines", "latency", "flood");

  private static org.apache.commons.cli.Options spec() {
    org.apache.commons.cli.Options o = new org.apache.commons.cli.Options();
    o.addOption(Option.builder().longOpt("quick")
        .desc("tiny sizes, every measure in about a minute (a smoke test; numbers mean nothing)")
        .build());
    o.addOption(Option.builder().longOpt("results").hasArg().argName("DIR")
        .desc("where results.csv, goals.csv, bench.svg, batches.csv, heap.csv and run.txt go "
            + "(default: target/bench in the project)").build());
    o.addOption(Option.builder().longOpt("heap-duration").hasArg().argName("D")
        .desc("length of the heap run, e.g. 10m (default: " + Formats.duration(BenchPlan.FULL_HEAP_MS)
            + ", --quick: " + Formats.duration(BenchPlan.QUICK_HEAP_MS) + ")").build());
    o.addOption(Option.builder().longOpt("only").hasArg().argName("LIST")
        .desc("comma-separated measures to run, of: " + String.join(",", MEASURES) + " (default: all)")
        .build());
    o.addOption(Option.builder().longOpt("conf").hasArg().argName("FILE")
        .desc("a properties file whose spark.* keys configure the project's SparkContext on top of "
            + "its built-in defaults, and whose kafka.* keys reach the kafka measure's consumer, to "
            + "measure a setting (default: none; conf/wordcount.properties is not read)").build());
    o.addOption(Option.builder().longOpt("help").desc("show this help").build());
    return o;
  }

  /**
   * Parses {@code args}; {@code defaultResults} is used without {@code --results}.
   *
   * @throws UsageException with one line naming the option and the fix
   */
  public static BenchArgs parse(String[] args, Path defaultResults) throws UsageException {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(spec(), args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage() + " (see --help)");
    }
    if (!cl.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + cl.getArgList().get(0)
          + "': options are written --name value (see --help)");
    }
    Path results = cl.hasOption("results") ? Path.of(cl.getOptionValue("results")) : defaultResults;
    long heap = 0;
    if (cl.hasOption("heap-duration")) {
      heap = dstream.wordcount.cli.Durations.parse("heap-duration", cl.getOptionValue("heap-duration"));
      if (heap <= 0) {
        throw new UsageException("--heap-duration must be positive, e.g. 10m");
      }
    }
    Set<String> only = new LinkedHashSet<>(MEASURES);
    if (cl.hasOption("only")) {
      only.clear();
      for (String m : cl.getOptionValue("only").split(",")) {
        String name = m.trim();
        if (!MEASURES.contains(name)) {
          throw new UsageException("--only: unknown measure '" + name + "'; choose from "
              + String.join(",", MEASURES));
        }
        only.add(name);
      }
    }
    Path conf = null;
    if (cl.hasOption("conf")) {
      conf = Path.of(cl.getOptionValue("conf"));
      if (!java.nio.file.Files.isReadable(conf)) {
        throw new UsageException("--conf " + conf + ": no such readable file");
      }
    }
    return new BenchArgs(cl.hasOption("help"), cl.hasOption("quick"), results, heap, Set.copyOf(only),
        conf);
  }

  /** The plan these arguments ask for. */
  public BenchPlan plan() {
    return quick ? BenchPlan.quick(heapDurationMs) : BenchPlan.full(heapDurationMs);
  }

  /** Prints the usage. */
  public static void printHelp(PrintWriter out) {
    HelpFormatter f = new HelpFormatter();
    f.printHelp(out, 100,
        "bin/bench [--quick] [--results DIR] [--heap-duration D] [--only LIST] [--conf FILE]",
        "\nMeasures the project's pipelines on local[2] against Spark's JavaNetworkWordCount (baseline) "
            + "and plain Java (limit), prints a table, and writes CSV files and an SVG chart.\n\n",
        spec(), 2, 2, "\nA full run takes about 70 minutes on 2 cores (3 of them the heap run, 18"
            + " the flood, 26 the engines, 13 the latency); "
            + "see README.md, Performance.");
    out.flush();
  }
}
