package dstream.wordcount.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where every N-th line of a file starts (lines 0, N, 2N, ...), as byte offsets, and how many lines
 * the file has, found in one pass over its bytes. It lets a reader start at any batch of N lines
 * by seeking, instead of keeping the file in memory or reading it from the start for every batch:
 * the structured engine's replay source plans each micro-batch from it.
 *
 * <p>Lines are split exactly as {@link java.io.BufferedReader#readLine} splits them: on LF, CR or
 * CRLF; a last line without a terminator counts; an empty file has no line, and a file ending in a
 * terminator has no extra empty line after it. Working on bytes gives the same lines as working on
 * the UTF-8 decoded text because bytes 0x0A and 0x0D only ever stand for LF and CR in UTF-8 (every
 * byte of a multi-byte sequence is 0x80 or above), and Java's decoder never swallows them into a
 * malformed sequence it replaces: the decoder starts clean at every line start.
 *
 * <p>Memory is one {@code long} per N lines, whatever the file's size; a line longer than
 * {@link #MAX_LINE_BYTES} is refused ({@link LineTooLong}). Plain Java, no Spark.
 * Immutable.
 */
public final class LineIndex {
  private static final int CHUNK = 1 << 16;
  /** The longest line indexed, in bytes: every source's ({@link LineLimit}). */
  public static final int MAX_LINE_BYTES = LineLimit.MAX_LINE_BYTES;

  /** A line longer than {@link #MAX_LINE_BYTES}, found while indexing. */
  public static final class LineTooLong extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    LineTooLong(long line) {
      super("line " + line + " is longer than " + LineLimit.TEXT);
      this.line = line;
    }

    /** The line's number, counted from 1 as editors do. */
    public long line() {
      return line;
    }
  }
  /** Arrays a little shorter than {@code Integer.MAX_VALUE} are all a JVM can allocate. */
  private static final int MAX_BLOCKS = Integer.MAX_VALUE - 8;

  /**
   * Where reading for a given line starts: seek to {@code byteOffset}, then skip {@code skip}
   * lines.
   *
   * @param byteOffset the start of the nearest indexed line at or before the wanted one
   * @param skip lines between that indexed line and the wanted one
   */
  public record Start(long byteOffset, long skip) {}

  private final int every;
  private final long lines;
  private final long[] starts;

  private LineIndex(int every, long lines, long[] starts) {
    this.every = every;
    this.lines = lines;
    this.starts = starts;
  }

  /** Indexes {@code file}, recording the start of every {@code every}-th line. */
  public static LineIndex of(Path file, int every) throws IOException {
    checkEvery(every);
    try (InputStream in = Files.newInputStream(file)) {
      return scan(in, every);
    }
  }

  /**
   * Indexes what {@code in} holds up to its end, recording the start of every {@code every}-th
   * line; byte offsets count from where {@code in} is now. Does not close {@code in}.
   */
  public static LineIndex scan(InputStream in, int every) throws IOException {
    checkEvery(every);
    long[] starts = new long[16];
    int blocks = 0;
    long lines = 0; // lines ended so far
    long pos = 0; // offset of buf[0]
    boolean inLine = false; // a line has started and not ended
    boolean afterCr = false; // the previous byte was a CR: an LF now completes its CRLF
    long lineBytes = 0; // bytes of the current line so far
    // Plain chunked reads: the loop is the buffer, and a CRLF split across two chunks is carried
    // by afterCr.
    byte[] buf = new byte[CHUNK];
    for (int n; (n = in.read(buf)) >= 0; pos += n) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (afterCr) {
          afterCr = false;
          if (b == '\n') {
            continue;
          }
        }
        if (!inLine) {
          inLine = true;
          lineBytes = 0;
          if (lines % every == 0) {
            if (blocks == starts.length) {
              starts = grow(starts);
            }
            starts[blocks++] = pos + i;
          }
        }
        if (b == '\n' || b == '\r') {
          lines++;
          inLine = false;
          afterCr = b == '\r';
        } else if (++lineBytes > MAX_LINE_BYTES) {
          throw new LineTooLong(lines + 1);
        }
      }
    }
    if (inLine) {
      lines++;
    }
    return new LineIndex(every, lines, Arrays.copyOf(starts, blocks));
  }

  private static void checkEvery(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("lines per block must be at least 1, not " + every);
    }
  }

  private static long[] grow(long[] starts) throws IOException {
    if (starts.length >= MAX_BLOCKS) {
      throw new IOException("more than " + MAX_BLOCKS + " blocks of lines: index fewer, longer blocks");
    }
    return Arrays.copyOf(starts, (int) Math.min(MAX_BLOCKS, 2L * starts.length));
  }

  /** N: the index records the start of every N-th line. */
  public int every() {
    return every;
  }

  /** The file's lines, as {@code BufferedReader.readLine} counts them. */
  public long lines() {
    return lines;
  }

  /** Blocks of N lines, the last one possibly shorter: {@code ceil(lines / N)}, 0 when empty. */
  public int blocks() {
    return starts.length;
  }

  /** The byte offset at which block {@code block} (line {@code block * N}) starts. */
  public long startOfBlock(int block) {
    if (block < 0 || block >= starts.length) {
      throw new IndexOutOfBoundsException("block " + block + " of " + starts.length);
    }
    return starts[block];
  }

  /**
   * Where to start reading to get line {@code line} (0-based, below {@link #lines()}) next: the
   * block it is in, and the lines before it in that block.
   */
  public Start start(long line) {
    if (line < 0 || line >= lines) {
      throw new IndexOutOfBoundsException("line " + line + " of " + lines);
    }
    int block = (int) (line / every);
    return new Start(starts[block], line - (long) block * every);
  }

  @Override
  public String toString() {
    return lines + " line(s) in " + starts.length + " block(s) of " + every;
  }
}
