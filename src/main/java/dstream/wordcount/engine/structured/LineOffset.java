package dstream.wordcount.engine.structured;

import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A line-count offset (replay, socket): the number of lines before it, so line numbers are what
 * a query's checkpoint records, and its JSON is that number alone.
 */
final class LineOffset extends Offset {
  private final long line;

  LineOffset(long line) {
    if (line < 0) {
      throw new IllegalArgumentException("a line offset is at least 0, not " + line);
    }
    this.line = line;
  }

  /** The line of any offset of this source: ours, or one Spark kept only as its JSON. */
  static long lineOf(Offset offset) {
    return offset instanceof LineOffset l ? l.line : parse(offset.json()).line;
  }

  /** Reads {@link #json()}. */
  static LineOffset parse(String json) {
    try {
      return new LineOffset(Long.parseLong(json.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a line offset (a line number): " + json, e);
    }
  }

  long line() {
    return line;
  }

  @Override
  public String json() {
    return Long.toString(line);
  }
}
