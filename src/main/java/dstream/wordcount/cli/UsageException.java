package dstream.wordcount.cli;

/**
 * A usage or configuration error: the driver prints the message as one line on stderr and exits 2.
 * The message names the option and the fix; there is never a stack trace for these.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null, false, false);
  }
}
