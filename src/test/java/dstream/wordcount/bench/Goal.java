package dstream.wordcount.bench;

/**
 * One goal of the benchmark and how this run fared against it: the target as the project states it,
 * the figure measured in this run, the verdict and a sentence saying why.
 */
public record Goal(String name, String target, String measured, Verdict verdict, String detail) {
  /** How a goal fared. */
  public enum Verdict {
    MET("met"),
    SHORT("short"),
    REPORTED("reported"),
    NOT_MEASURED("not measured");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** MET when {@code ok}, else SHORT. */
  public static Verdict verdict(boolean ok) {
    return ok ? Verdict.MET : Verdict.SHORT;
  }
}
