package dstream.wordcount.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;

/**
 * {@code --help}, generated from the declarations: the general options, then each source, pipeline
 * and output with its description and the options it declares. An option several components share
 * is listed in full where it first appears (and again where a component declares it with another
 * default or meaning); later components name it under "also".
 */
public final class Help {
  private static final int WIDTH = 100;

  private Help() {}

  /** Writes the usage text. */
  public static void print(PrintWriter out, Components components) {
    HelpFormatter f = new HelpFormatter();
    f.setOptionComparator(null); // declaration order
    out.println("usage: bin/run-wordcount [--source S] [--pipeline P] [options]");
    out.println();
    f.printWrapped(out, WIDTH, "Spark Streaming word counts, on DStreams (--engine dstream) or"
        + " Structured Streaming (--engine structured). Durations: 500ms, 2s, 1m."
        + " Every option can also be set in the conf file (key = option name); command line wins.");
    out.println();
    out.println("General options:");
    List<OptionSpec> shown = new ArrayList<>(Options.general(components));
    f.printOptions(out, WIDTH, cli(Options.general(components)), 2, 3);
    for (Map.Entry<String, List<? extends Component<?>>> group : components.groups().entrySet()) {
      out.println();
      out.println(group.getKey() + ":");
      for (Component<?> c : group.getValue()) {
        f.printWrapped(out, WIDTH, 2, "  " + c.name() + ": " + c.description());
        List<OptionSpec> own = new ArrayList<>();
        Set<String> also = new java.util.LinkedHashSet<>();
        for (OptionSpec s : c.options()) {
          if (shown.contains(s)) {
            also.add(s.flagName());
          } else {
            own.add(s);
          }
        }
        shown.addAll(own);
        if (!own.isEmpty()) {
          f.printOptions(out, WIDTH, cli(own), 4, 3);
        }
        if (!also.isEmpty()) {
          f.printWrapped(out, WIDTH, 6, "    also: " + String.join(", ", also));
        }
      }
    }
    out.println();
    out.println("Exit codes: 0 done, 2 usage or configuration error (also: --checkpoint held by"
        + " another driver), 1 runtime failure,");
    out.println("  4 stopped with batches not processed (--stop-timeout);");
    out.println("  130 / 143 / 129 stopped by Ctrl-C / SIGTERM / SIGHUP (gracefully, or during"
        + " start-up with one line).");
    out.flush();
  }

  private static org.apache.commons.cli.Options cli(List<OptionSpec> specs) {
    org.apache.commons.cli.Options o = new org.apache.commons.cli.Options();
    Set<String> seen = new HashSet<>();
    for (OptionSpec s : specs) {
      String name = s.confOnly() ? s.name() + " (conf key only)" : s.name();
      if (!seen.add(name)) {
        continue;
      }
      Option.Builder b = s.name().equals("help") ? Option.builder("h") : Option.builder();
      b.longOpt(name).desc(s.shownHelp());
      if (!s.isFlag()) {
        b.hasArg().argName(s.argName());
      }
      o.addOption(b.build());
    }
    return o;
  }
}
