package dstream.wordcount.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input of the kill-and-recover tests: file k holds "fk spark" and "spark common", so after
 * files 1..n every total is known exactly and a file counted twice or lost shows in its own word.
 */
public final class NumberedFiles {
  private NumberedFiles() {}

  /** Moves files {@code from..to} into the watched directory, one after the other. */
  public static void feed(DropFiles drop, int from, int to) throws IOException {
    for (int k = from; k <= to; k++) {
      drop.drop(String.format("file-%02d.txt", k), List.of("f" + k + " spark", "spark common"));
    }
  }

  /** The exact totals after files 1..n. */
  public static Map<String, Long> totals(int n) {
    Map<String, Long> m = new TreeMap<>();
    for (int k = 1; k <= n; k++) {
      m.put("f" + k, 1L);
    }
    if (n > 0) {
      m.put("spark", 2L * n);
      m.put("common", (long) n);
    }
    return m;
  }
}
