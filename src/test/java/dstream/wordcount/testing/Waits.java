package dstream.wordcount.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: every wait in the tests ends, with a message saying what did not happen. */
public final class Waits {
  private static final long POLL_MS = 100;

  private Waits() {}

  /** Waits until {@code condition} holds; fails after {@code timeoutMs} with {@code what}. */
  public static void until(long timeoutMs, Supplier<String> what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("gave up after " + timeoutMs + " ms waiting for " + what.get());
      }
      Thread.sleep(POLL_MS);
    }
  }
}
