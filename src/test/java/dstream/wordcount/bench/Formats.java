package dstream.wordcount.bench;

import java.util.Locale;

/** Number formats shared by the table, the CSV files and the chart: "-" for what does not apply. */
final class Formats {
  static final String NONE = "-";

  private Formats() {}

  /** Milliseconds with one decimal. */
  static String ms(double ms) {
    return Double.isNaN(ms) ? NONE : String.format(Locale.ROOT, "%.1f", ms);
  }

  /** A rate as a whole number. */
  static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? NONE : String.format(Locale.ROOT, "%.0f", perSecond);
  }

  /** A rate for people: 1234567 reads 1.23M. */
  static String humanRate(double perSecond) {
    if (Double.isNaN(perSecond)) {
      return NONE;
    }
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
    }
    if (perSecond >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", perSecond);
  }

  /** A ratio with two decimals and an x. */
  static String ratio(double r) {
    return Double.isNaN(r) ? NONE : String.format(Locale.ROOT, "%.2fx", r);
  }

  /** A count, or "-" when negative. */
  static String count(long n) {
    return n < 0 ? NONE : Long.toString(n);
  }

  /** A duration for people: 180000 reads "3 min", 5000 "5 s", 500 "500 ms". */
  static String duration(long ms) {
    if (ms >= 60_000 && ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    if (ms >= 1_000 && ms % 1_000 == 0) {
      return ms / 1_000 + " s";
    }
    return ms + " ms";
  }
}
