package dstream.wordcount.text;

/**
 * The longest line a source reads, the same for every source and engine, and the one WARN line
 * that says a longer one was skipped. Reading a line means holding it whole (in a
 * {@code String}, then a record): a 300 MB socket line took 5.7 GB of heap, and a file without
 * line breaks cannot be held at all; 16 MiB is far beyond any text line and small for any heap.
 * The replay refuses such a file before it starts (its input is known up front); the live sources
 * skip the line, read past without being held, and go on. Plain Java, no Spark.
 */
public final class LineLimit {
  /** The longest line read, in bytes of UTF-8. */
  public static final int MAX_LINE_BYTES = 16 << 20;
  /** {@link #MAX_LINE_BYTES} for people. */
  public static final String TEXT = (MAX_LINE_BYTES >> 20) + " MiB";

  private LineLimit() {}

  /**
   * Whether {@code line} is at most {@link #MAX_LINE_BYTES} in UTF-8. Cheap for every line: a
   * char is at most 3 bytes, so only a line of more than a third of the limit in chars is encoded.
   */
  public static boolean within(String line) {
    return (long) line.length() * 3 <= MAX_LINE_BYTES
        || line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_LINE_BYTES;
  }

  /**
   * The WARN of a skipped line, e.g. {@code socket source: line 3 from 127.0.0.1:9999 is longer
   * than 16 MiB, the longest line a source reads; skipped, the lines after it are read}.
   *
   * @param source the source's {@code --source} name
   * @param line which line, where: {@code line 3 from HOST:PORT}, {@code the line at byte B of F}
   */
  public static String skipped(String source, String line) {
    return source + " source: " + line + " is longer than " + TEXT
        + ", the longest line a source reads; skipped, the lines after it are read";
  }
}
