package dstream.wordcount.core;

import dstream.wordcount.text.LineLimit;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a growing local file like {@code tail -F}, one {@link #poll} at a time: each poll
 * returns the complete lines appended since the last one. A last line without its newline waits
 * for it. A file renamed away and re-created (log rotation) is noticed by its file key (device and
 * inode) changing: the rest of the old file is read first (its unterminated last line included,
 * since nothing will complete it), then the new file from its start. A file that shrinks
 * (truncated, {@code copytruncate}) is read again from its start. A file that does not exist yet
 * is waited for, said once, and read from its start once it appears.
 *
 * <p>{@link #position()} is where the lines returned so far end (file key and byte offset); a
 * follower created with it resumes exactly there if the file is still the same one and no
 * shorter, and reads the file from its start if it was replaced or truncated meanwhile.
 *
 * <p>Lines are split on LF, a CR before it dropped, and decoded as UTF-8 with invalid bytes
 * replaced, as Spark's socket receiver and Hadoop's line reader do. A line longer than
 * {@link LineLimit} is read past without being held and skipped, with one warning naming its
 * byte offset. Plain Java (no Spark): the
 * tail receiver drives it, and it is unit-tested alone. Not thread-safe: one thread polls.
 */
public final class FileFollower implements Closeable {
  /** Bytes read at most per poll, so a large file read from its start comes in many blocks. */
  static final int CHUNK = 1 << 20;

  private final Path file;
  private final Consumer<String> say;
  private final Consumer<String> warn;
  private FilePosition resume;
  private final boolean fromStart;
  private boolean firstOpen = true;
  private boolean saidMissing;
  private FileChannel channel;
  private String key;
  /** Bytes of the open file read so far (the partial line included). */
  private long read;
  private final LineBytes partial;

  /**
   * @param file the file to follow
   * @param resume where a previous follower stopped, or null
   * @param fromStart without {@code resume}: read an existing file from its start, not its end
   * @param say where the follower says, once each, that it waits for the file, that the file
   *     appeared, was rotated or truncated
   * @throws IOException when the file exists but cannot be opened
   */
  public FileFollower(Path file, FilePosition resume, boolean fromStart, Consumer<String> say)
      throws IOException {
    this(file, resume, fromStart, say, say, LineLimit.MAX_LINE_BYTES);
  }

  /**
   * A follower whose skipped too-long lines are said to {@code warn}, in
   * {@link LineLimit#skipped}'s words, lines longer than {@code maxLineBytes} (tests use a small
   * limit).
   */
  public FileFollower(Path file, FilePosition resume, boolean fromStart, Consumer<String> say,
      Consumer<String> warn, int maxLineBytes) throws IOException {
    this.file = Objects.requireNonNull(file);
    this.warn = warn;
    this.partial = new LineBytes(maxLineBytes);
    this.resume = resume;
    this.fromStart = fromStart;
    this.say = say;
    // Opened now, so "the end" is the end when following starts, not at the first poll.
    String current = currentKey();
    if (current != null) {
      open(current);
    }
  }

  /**
   * The complete lines appended since the last poll, at most {@code maxLines}; empty when there
   * is nothing new.
   */
  public List<String> poll(int maxLines) throws IOException {
    String current = currentKey();
    if (channel == null) {
      if (current == null) {
        if (!saidMissing) {
          say.accept(file + " does not exist yet; waiting for it to appear");
          saidMissing = true;
        }
        return List.of();
      }
      open(current);
      if (channel == null) {
        return List.of();
      }
    } else if (current != null && !current.equals(key)) {
      // Rotated: what is left of the old file first, then the new one from its start.
      List<String> rest = readLines(Integer.MAX_VALUE);
      if (!partial.isEmpty()) {
        rest = new ArrayList<>(rest);
        endLine(rest, read);
      }
      closeChannel();
      say.accept(file + " was replaced (rotated); reading the new file from its start");
      open(current);
      if (!rest.isEmpty() || channel == null) {
        return rest;
      }
    } else if (channel.size() < read) {
      say.accept(file + " was truncated; reading it from its start");
      read = 0;
      partial.reset();
      channel.position(0);
    }
    return readLines(maxLines);
  }

  /** Where the lines returned so far end. */
  public FilePosition position() {
    return new FilePosition(key, read - partial.length());
  }

  private void open(String currentKey) throws IOException {
    FileChannel c;
    try {
      c = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return; // gone again between the check and the open: the next poll looks again
    }
    long size = c.size();
    long start;
    if (resume != null && currentKey != null && currentKey.equals(resume.fileKey())
        && resume.offset() <= size) {
      start = resume.offset();
    } else if (resume != null || saidMissing || !firstOpen || fromStart) {
      // Replaced or truncated since the position was taken, appeared late, or a rotation's new
      // file: every line of it is new.
      start = 0;
      if (saidMissing) {
        say.accept(file + " appeared; reading it from its start");
      } else if (resume != null) {
        say.accept(file + " is not the file (or is shorter than) where the last run stopped, "
            + "so it was rotated or truncated meanwhile; reading it from its start");
      }
    } else {
      start = size;
    }
    channel = c;
    key = currentKey;
    read = start;
    channel.position(start);
    partial.reset();
    resume = null;
    firstOpen = false;
    saidMissing = false;
  }

  /** Reads up to {@link #CHUNK} bytes and returns the complete lines among them. */
  private List<String> readLines(int maxLines) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(0, channel.size() - read)));
    while (buf.hasRemaining() && channel.read(buf) > 0) {
      // fill what the size promised; a concurrent truncation ends the loop early
    }
    buf.flip();
    List<String> lines = new ArrayList<>();
    byte[] bytes = buf.array();
    int n = buf.limit();
    int lineStart = 0;
    for (int i = 0; i < n; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      partial.add(bytes, lineStart, i - lineStart);
      endLine(lines, read + i);
      lineStart = i + 1;
      if (lines.size() >= maxLines) {
        // The rest of the chunk is read again by the next poll.
        read += lineStart;
        channel.position(read);
        return lines;
      }
    }
    partial.add(bytes, lineStart, n - lineStart);
    read += n;
    return lines;
  }

  /** Adds the line ending at byte {@code end} to {@code lines}, or says it was too long. */
  private void endLine(List<String> lines, long end) {
    long start = end - partial.length();
    String line = partial.take();
    if (line != null) {
      lines.add(line);
    } else {
      warn.accept(LineLimit.skipped("tail", "the line at byte " + start + " of " + file));
    }
  }

  /** One line's bytes as text: a CR before the LF dropped, invalid UTF-8 replaced. */
  static String decode(byte[] line, int length) {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    return new String(line, 0, end, StandardCharsets.UTF_8);
  }

  /**
   * Where following {@code file} from its end starts now: its key and size, or null when it does
   * not exist. The tail source takes it on the driver when the job starts, so lines appended
   * before its receiver runs (seconds later) are not skipped.
   */
  public static FilePosition endOf(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FilePosition(a.fileKey() == null ? null : a.fileKey().toString(), a.size());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The key of the file now at the path, or null when there is none. */
  private String currentKey() throws IOException {
    try {
      Object k = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return k == null ? "" : k.toString();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeChannel();
  }
}
