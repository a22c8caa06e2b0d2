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

  private UsageErrors() {}

  /** Runs {@code args} and asserts the one line {@code run-wordcount: expectedLine} and exit 2. */
  public static void assertUsage(String expectedLine, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = assertTimeoutPreemptively(REFUSED_WITHIN,
        () -> Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8)),
        () -> "not refused: the job ran\n" + err.toString(StandardCharsets.UTF_8));
    assertEquals("run-wordcount: " + expectedLine + "\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(2, code);
  }
}
