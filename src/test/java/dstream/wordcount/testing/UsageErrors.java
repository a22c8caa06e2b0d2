package dstream.wordcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The CLI contract of a usage error, through {@link Main#run}: exactly one line and exit 2. */
public final class UsageErrors {
  private UsageErrors() {}

  /** Runs {@code args} and asserts the one line {@code run-wordcount: expectedLine} and exit 2. */
  public static void assertUsage(String expectedLine, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals("run-wordcount: " + expectedLine + "\n", err.toString(StandardCharsets.UTF_8));
    assertEquals(2, code);
  }
}
