package dstream.wordcount.live;


/**
 * A run that cannot go on, said in one line a user can act on (the part, the place, the cause):
 * the driver's last line shows this message instead of the bare cause Spark wraps several times;
 * a cause stays attached for the log file.
 */
public class RunFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunFailure(String message) {
    super(message);
  }

  public RunFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
