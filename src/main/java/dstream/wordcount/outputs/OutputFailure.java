package dstream.wordcount.outputs;

import dstream.wordcount.live.RunFailure;

/**
 * An output that could not write a batch, said in one line a user can act on: the option, the
 * place and the cause (e.g. {@code --output /data/wc: cannot write /data/wc-1700000000000.txt (No
 * space left on device)}).
 */
public final class OutputFailure extends RunFailure {
  private static final long serialVersionUID = 1L;

  public OutputFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The first line of the innermost cause's message (its class name when it has none). */
  public static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
