package dstream.wordcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dstream.wordcount.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The CLI contract of a usage error, through {@link Main#run}: exactly one line and exit 2. */
public final class UsageErrors {
  /**
   * A usage error comes before any batch; a job that was not refused would run until stopped, so
   * the run is bounded (generous: a Spark 3.5 or Kafka check on a busy machine takes seconds).
   */
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(120);

  private static final String PROGRAM = "run-wordcount: ";

  private UsageErrors() {}

  /** Runs {@code args} and asserts the one line {@code run-wordcount: expectedLine} and exit 2. */
  public static void assertUsage(String expectedLine, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(args, err);
    assertEquals(PROGRAM + expectedLine + "\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(2, code);
  }

  /**
   * Runs {@code args}, asserts exit 2 and exactly one line {@code run-wordcount: ...} on stderr,
   * and returns that line without its prefix (for a line with a part only the server knows).
   */
  public static String usageLine(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(args, err);
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertEquals(1, text.lines().count(), "one line: " + text);
    assertEquals(PROGRAM, text.substring(0, Math.min(text.length(), PROGRAM.length())), text);
    assertEquals("\n", text.substring(text.length() - 1), text);
    return text.substring(PROGRAM.length(), text.length() - 1);
  }

  private static int run(String[] args, ByteArrayOutputStream err) {
    return assertTimeoutPreemptively(REFUSED_WITHIN,
        () -> Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8)),
        () -> "not refused: the job ran\n" + err.toString(StandardCharsets.UTF_8));
  }
}
