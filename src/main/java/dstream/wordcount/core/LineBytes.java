package dstream.wordcount.core;

import dstream.wordcount.text.LineLimit;
import java.io.ByteArrayOutputStream;

/**
 * The bytes of the line being read from a followed file, held up to {@link LineLimit}: a longer
 * line is read past, counted but not held, and ends as null, so that memory stays bounded
 * whatever the file holds. The follower and a re-read span share it, so both skip the same
 * lines and their line counts agree. Plain Java; not thread-safe.
 */
final class LineBytes {
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final int limit;
  private long length;

  LineBytes(int limit) {
    this.limit = limit;
  }

  void add(byte[] bytes, int offset, int count) {
    length += count;
    if (length > limit) {
      held.reset();
    } else {
      held.write(bytes, offset, count);
    }
  }

  void add(int b) {
    length++;
    if (length > limit) {
      held.reset();
    } else {
      held.write(b);
    }
  }

  /** Bytes of the line so far, held or not. */
  long length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** The line read so far as text ({@link FileFollower#decode}), or null if too long; resets. */
  String take() {
    String line = length > limit ? null : FileFollower.decode(held.toByteArray(), held.size());
    reset();
    return line;
  }

  void reset() {
    held.reset();
    length = 0;
  }
}
