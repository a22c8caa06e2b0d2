package dstream.wordcount.core;

/**
 * The order users read counts in: highest count first, ties by word. Kept here, free of Spark and
 * Scala types, so the console sink, the {@code top} pipeline and the tests agree on one rule.
 */
public final class WordCountOrder {
  private WordCountOrder() {}

  /** Negative when (aWord, aCount) is shown before (bWord, bCount). */
  public static int compare(String aWord, long aCount, String bWord, long bCount) {
    int byCount = Long.compare(bCount, aCount);
    return byCount != 0 ? byCount : aWord.compareTo(bWord);
  }

  /** The file and console form of one count: {@code (word,count)}, as Spark prints a Tuple2. */
  public static String format(String word, long count) {
    return "(" + word + "," + count + ")";
  }
}
