package dstream.wordcount.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses {@code (word,count)} lines into a map, failing on anything else or on a repeated word. */
public final class Counts {
  private Counts() {}

  public static Map<String, Long> parse(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      if (!line.startsWith("(") || !line.endsWith(")") || line.lastIndexOf(',') < 0) {
        throw new AssertionError("not a (word,count) line: " + line);
      }
      int comma = line.lastIndexOf(',');
      String word = line.substring(1, comma);
      long count = Long.parseLong(line.substring(comma + 1, line.length() - 1));
      if (counts.put(word, count) != null) {
        throw new AssertionError("word twice in one batch: " + word);
      }
    }
    return counts;
  }
}
