package dstream.wordcount.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/**
 * The lines of a byte stream, split as {@link java.io.BufferedReader#readLine} splits them (LF,
 * CR or CRLF; a last line without a terminator counts) and decoded as UTF-8 with bad bytes
 * replaced, but never holding more than {@link LineLimit#MAX_LINE_BYTES} of one line: a longer
 * line is read past and skipped, its number (from 1) handed to {@code skipped}. A
 * {@code BufferedReader} would grow its buffer to the whole line, however long. Reads as it is
 * iterated; an I/O error is an {@link UncheckedIOException} (Spark's socket receiver restarts on
 * it). Plain Java, no Spark; not thread-safe.
 */
public final class BoundedLines implements Iterator<String> {
  private static final int CHUNK = 1 << 16;
  private final InputStream in;
  private final int limit;
  private final LongConsumer skipped;
  private final byte[] buf = new byte[CHUNK];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int pos;
  private int end;
  private boolean eof;
  private boolean afterCr;
  private long number;
  private String next;

  /** The lines of {@code in}, with the project's limit. */
  public BoundedLines(InputStream in, LongConsumer skipped) {
    this(in, LineLimit.MAX_LINE_BYTES, skipped);
  }

  /** The lines of {@code in}, none longer than {@code limit} bytes (tests use a small one). */
  public BoundedLines(InputStream in, int limit, LongConsumer skipped) {
    this.in = in;
    this.limit = limit;
    this.skipped = skipped;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String n = next;
    next = null;
    return n;
  }

  /** The next line within the limit, or null at the end of the stream. */
  private String read() throws IOException {
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end && !fill()) {
        return any ? finish(tooLong) : null; // a last line without a terminator counts
      }
      if (afterCr) {
        afterCr = false;
        if (buf[pos] == '\n') {
          pos++; // the LF of a CRLF
          continue;
        }
      }
      int i = pos;
      while (i < end && buf[i] != '\n' && buf[i] != '\r') {
        i++;
      }
      // Bytes pos..i belong to the current line: kept while it is within the limit.
      if (i > pos) {
        any = true;
        if (!tooLong && line.size() + (i - pos) > limit) {
          tooLong = true;
          line.reset();
        }
        if (!tooLong) {
          line.write(buf, pos, i - pos);
        }
      }
      if (i == end) {
        pos = end;
        continue;
      }
      afterCr = buf[i] == '\r';
      pos = i + 1;
      String done = finish(tooLong);
      if (done != null) {
        return done;
      }
      tooLong = false;
      any = false;
    }
  }

  /** Ends the current line: its text, or null when it was too long (and is now skipped). */
  private String finish(boolean tooLong) {
    number++;
    if (tooLong) {
      skipped.accept(number);
      return null;
    }
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    return s;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buf);
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }
}
