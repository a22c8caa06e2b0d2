package dstream.wordcount.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines appended to a followed file, for the tail source's tests on either engine: line k is
 * {@code "lk tail"}, so after lines {@code from..to} the word counts are {@code lk = 1} each and
 * {@code tail} = how many, and any line counted twice or lost shows in the totals.
 */
public final class TailedFile {
  private TailedFile() {}

  /** Appends {@code text} as it is (a partial line stays partial), creating the file if needed. */
  public static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Appends lines {@code from..to}, each {@code "lk tail"}, in one write. */
  public static void appendLines(Path file, int from, int to) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int k = from; k <= to; k++) {
      sb.append('l').append(k).append(" tail\n");
    }
    append(file, sb.toString());
  }

  /** The word counts of lines {@code from..to}. */
  public static Map<String, Long> expected(int from, int to) {
    Map<String, Long> m = new TreeMap<>();
    for (int k = from; k <= to; k++) {
      m.put("l" + k, 1L);
    }
    m.put("tail", (long) (to - from + 1));
    return m;
  }
}
