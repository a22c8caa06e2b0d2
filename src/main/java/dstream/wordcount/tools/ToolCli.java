package dstream.wordcount.tools;

import dstream.wordcount.cli.Durations;
import dstream.wordcount.cli.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * What the companion tools ({@code bin/produce}, {@code bin/word-server}) share on their command
 * line, in the driver's conventions: {@code --name value} options, {@code -h/--help}, one-line usage
 * errors ({@link UsageException}, exit 2), durations as the driver writes them.
 */
final class ToolCli {
  /** Exit code of a usage error. */
  static final int EXIT_USAGE = 2;
  /** Exit code of a runtime failure. */
  static final int EXIT_FAILURE = 1;

  private ToolCli() {}

  /** An option taking an argument. */
  static Option valued(String name, String arg, String description) {
    return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).build();
  }

  /** {@code spec} plus {@code -h/--help}. */
  static Options withHelp(Option... options) {
    Options spec = new Options();
    for (Option o : options) {
      spec.addOption(o);
    }
    return spec.addOption(Option.builder("h").longOpt("help").desc("print this help and exit").build());
  }

  /**
   * Parses {@code args}; stray arguments other than those {@code allowed} are usage errors.
   */
  static CommandLine parse(Options spec, String[] args, List<String> allowed) throws UsageException {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(spec, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage() + " (see --help)");
    }
    for (String rest : cl.getArgList()) {
      if (!allowed.contains(rest)) {
        throw new UsageException("unexpected argument '" + rest
            + "': options are written --name value (see --help)");
      }
    }
    return cl;
  }

  /** Writes the usage text. */
  static void printHelp(PrintStream out, String usage, String purpose, Options spec, String footer) {
    PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
    new HelpFormatter().printHelp(w, 100, usage, "\n" + purpose + "\n\n", spec, 2, 3, footer, false);
    w.flush();
  }

  /** A pause such as {@code 500ms} or {@code 2s}; {@code 0} means none. */
  static long pause(String option, String text) throws UsageException {
    String t = text.trim();
    if (t.equals("0") || t.equals("0ms") || t.equals("0s")) {
      return 0;
    }
    return Durations.parse(option, t);
  }

  /** A whole number of at least 1. */
  static long positive(String option, String text) throws UsageException {
    try {
      long n = Long.parseLong(text.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + option + " must be a whole number of at least 1 (got '" + text + "')");
  }

  /** Prints {@code message} as the tool's one line on stderr and returns {@code exit}. */
  static int fail(PrintStream err, String program, String message, int exit) {
    err.println(program + ": " + message);
    return exit;
  }
}
