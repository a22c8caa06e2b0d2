package dstream.wordcount.core;

import dstream.wordcount.text.LineLimit;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The lines a {@link FileFollower} returned between two of its positions, read again from the
 * file: what lets the structured tail source re-run a micro-batch after a crash without having
 * kept its lines anywhere. A follower's positions are line ends and a followed file only grows,
 * so the bytes between two positions of the same file are the same lines, decoded as the
 * follower decodes them.
 *
 * <p>A span may cross one rotation (the start in the old file, the end in the new one): then it
 * is the rest of the old file from the start, its unterminated last line included as the
 * follower reads it, and the new file up to the end. The old file is found by its file key among
 * the files of the same directory (rotation renames {@code app.log} to {@code app.log.1} next to
 * it); when it is gone (compressed, deleted, moved elsewhere) its lines cannot be read again and
 * the span holds fewer lines, which is said. A span that crosses a truncation is the truncated
 * file from its start up to the end: the lines before the truncation are gone. {@code lines},
 * how many lines the follower returned over the span, bounds what is read of a rotated file that
 * kept growing after the rotation.
 *
 * <p>Plain Java, no Spark, unit-tested alone.
 */
public final class FollowedSpan {
  private FollowedSpan() {}

  /**
   * The lines between {@code start} and {@code end} of the file followed at {@code file}.
   *
   * @param lines how many lines the follower returned between the two positions
   * @param say where a span that cannot be read whole is said
   */
  public static List<String> read(Path file, FilePosition start,
      FilePosition end, long lines, Consumer<String> say) throws IOException {
    if (lines <= 0) {
      return List.of();
    }
    List<String> out;
    if (end.fileKey() != null && end.fileKey().equals(start.fileKey())) {
      Path same = locate(file, end.fileKey());
      if (same == null) {
        out = List.of();
      } else if (end.offset() >= start.offset()) {
        out = between(same, start.offset(), end.offset(), false);
      } else {
        say.accept(file + " was truncated within the span; its lines before the truncation "
            + "cannot be read again");
        out = between(same, 0, end.offset(), false);
      }
    } else {
      Path now = end.fileKey() == null ? null : locate(file, end.fileKey());
      List<String> after = now == null ? List.of() : between(now, 0, end.offset(), false);
      long before = lines - after.size();
      Path old = start.fileKey() == null || before <= 0 ? null : locate(file, start.fileKey());
      out = new ArrayList<>();
      if (old != null) {
        List<String> rest = between(old, start.offset(), Files.size(old), true);
        out.addAll(rest.subList(0, (int) Math.min(rest.size(), before)));
      }
      out.addAll(after);
    }
    if (out.size() != lines) {
      say.accept("read " + out.size() + " line(s) of " + file + " again where " + lines
          + " were followed between byte " + start.offset() + " and byte " + end.offset()
          + ": the file was rotated away, truncated or rewritten since");
    }
    return out.size() > lines ? out.subList(0, (int) lines) : out;
  }

  /**
   * The lines of a file rotated away from {@code file} after {@code at}, its unterminated last
   * line included, as a follower that saw the rotation reads them; empty when the file at
   * {@code file} is still that one, or the rotated file is not in the same directory.
   */
  public static List<String> restOfRotated(Path file, FilePosition at) throws IOException {
    if (at.fileKey() == null || at.fileKey().equals(keyOf(file))) {
      return List.of();
    }
    Path old = locate(file, at.fileKey());
    return old == null ? List.of() : between(old, at.offset(), Files.size(old), true);
  }

  /**
   * The file with key {@code key}: the one at {@code file}, else one in the same directory (a
   * rotated file), else null.
   */
  static Path locate(Path file, String key) throws IOException {
    if (key.equals(keyOf(file))) {
      return file;
    }
    Path dir = file.toAbsolutePath().getParent();
    try (Stream<Path> siblings = Files.list(dir)) {
      return siblings.filter(p -> {
        try {
          return key.equals(keyOf(p));
        } catch (IOException e) {
          return false; // vanished while listing: not the one
        }
      }).findFirst().orElse(null);
    }
  }

  private static String keyOf(Path p) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return a.isRegularFile() && a.fileKey() != null ? a.fileKey().toString() : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * The lines in bytes {@code from .. to} of {@code file}; an unterminated last line is a line
   * only when {@code withPartial} (the rest of a rotated file, which nothing will complete).
   */
  private static List<String> between(Path file, long from, long to, boolean withPartial)
      throws IOException {
    List<String> lines = new ArrayList<>();
    // The follower's limit: a line it skipped is skipped again, so the counts agree.
    LineBytes line = new LineBytes(LineLimit.MAX_LINE_BYTES);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(from);
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
      for (long left = to - from; left > 0; left--) {
        int b = in.read();
        if (b < 0) {
          break; // shorter than the span: said by the caller, from the count
        }
        if (b == '\n') {
          add(lines, line.take());
        } else {
          line.add(b);
        }
      }
    }
    if (withPartial && !line.isEmpty()) {
      add(lines, line.take());
    }
    return lines;
  }

  private static void add(List<String> lines, String line) {
    if (line != null) {
      lines.add(line);
    }
  }
}
