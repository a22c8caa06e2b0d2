package dstream.wordcount.tools;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.sources.WordServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code bin/word-server}: the demo line server on its own, bound to 127.0.0.1, serving every
 * client that connects until Ctrl-C. Exit 2 on usage errors, like the driver.
 */
public final class WordServerMain {
  private static final String PROGRAM = "word-server";

  private WordServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Options spec = ToolCli.withHelp(
        ToolCli.valued("port", "PORT", "port on 127.0.0.1 (default: 9999; 0 picks a free one)"),
        ToolCli.valued("interval", "D",
            "pause after each line, e.g. 500ms, 2s; 0 sends as fast as possible (default: 500ms)"),
        ToolCli.valued("input", "FILE",
            "serve the lines of FILE in a loop (default: the three demo messages)"),
        ToolCli.valued("count", "N", "close each client after N lines (default: never)"));
    WordServer server;
    int port;
    try {
      CommandLine cl = ToolCli.parse(spec, args, List.of());
      if (cl.hasOption("help")) {
        ToolCli.printHelp(System.out,
            "bin/word-server [--port 9999] [--interval 500ms] [--input FILE] [--count N]",
            "Serves lines to every client that connects, like a classic Python demo server.",
            spec, "");
        return;
      }
      port = parsePort(cl.getOptionValue("port", "9999"));
      long intervalMs = ToolCli.pause("interval", cl.getOptionValue("interval", "500ms"));
      long count = parseCount(cl.getOptionValue("count", "-1"));
      List<String> lines = cl.hasOption("input")
          ? readLines(Path.of(cl.getOptionValue("input")))
          : WordServer.DEMO_LINES;
      server = new WordServer(lines, intervalMs, count, msg -> System.err.println(PROGRAM + ": " + msg));
      try {
        port = server.start(port);
      } catch (BindException e) {
        throw new UsageException("--port " + port + " is in use: pick another port or stop what "
            + "listens there");
      }
    } catch (UsageException e) {
      System.exit(ToolCli.fail(System.err, PROGRAM, e.getMessage(), ToolCli.EXIT_USAGE));
      return;
    } catch (IOException e) {
      System.exit(ToolCli.fail(System.err, PROGRAM, "cannot start: " + e.getMessage(),
          ToolCli.EXIT_FAILURE));
      return;
    }
    System.err.println(PROGRAM + ": serving on 127.0.0.1:" + port + " (Ctrl-C stops)");
    WordServer running = server;
    Runtime.getRuntime().addShutdownHook(new Thread(running::close));
    new CountDownLatch(1).await();
  }

  private static int parsePort(String text) throws UsageException {
    try {
      int p = Integer.parseInt(text);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UsageException("--port must be between 0 and 65535 (got '" + text + "')");
  }

  private static long parseCount(String text) throws UsageException {
    try {
      long n = Long.parseLong(text);
      if (n == -1 || n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UsageException("--count must be a positive number of lines (got '" + text + "')");
  }

  private static List<String> readLines(Path file) throws UsageException {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        throw new UsageException("--input " + file + " is empty: give a file with at least one line");
      }
      return lines;
    } catch (IOException e) {
      throw new UsageException("--input " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }
}
