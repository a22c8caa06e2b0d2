package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FollowedSpan} against a real {@link FileFollower}: the lines read again between two of
 * its positions are the lines it returned, within one file, across a rotation (the old file found
 * by its key next to the new one), from a file that appeared late; what cannot be read again (a
 * rotated file gone, a truncation) gives fewer lines and says so; and the rest of a file rotated
 * while nobody followed it.
 */
class FollowedSpanTest {
  @TempDir Path tmp;
  private final List<String> said = new ArrayList<>();

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static void appendBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** What the follower returned between two of its positions. */
  private record Span(FilePosition start, FilePosition end, List<String> lines) {}

  private static Span poll(FileFollower f) throws IOException {
    FilePosition start = f.position();
    List<String> lines = f.poll(1_000);
    return new Span(start, f.position(), lines);
  }

  private List<String> readAgain(Path file, Span s) throws IOException {
    return FollowedSpan.read(file, s.start(), s.end(), s.lines().size(), said::add);
  }

  @Test
  void withinOneFileTheSameLinesDecodedAlike() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "before\n");
    try (FileFollower f = new FileFollower(log, null, false, said::add)) {
      append(log, "a b\r\nc\n\n");
      appendBytes(log, new byte[] {(byte) 0xff, 'x', '\n', 'p', 'a', 'r'});
      Span first = poll(f);
      assertEquals(List.of("a b", "c", "", "\ufffdx"), first.lines());
      append(log, "tial\nlast\n");
      Span second = poll(f);
      assertEquals(List.of("partial", "last"), second.lines());
      assertEquals(first.lines(), readAgain(log, first));
      assertEquals(second.lines(), readAgain(log, second));
    }
    assertEquals(List.of(), said);
  }

  @Test
  void acrossARotationTheOldFilesRestIsFoundByItsKeyThenTheNewFile() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    try (FileFollower f = new FileFollower(log, null, false, said::add)) {
      append(log, "one\n");
      Span before = poll(f);
      append(log, "two\nthree"); // the unterminated last line of the old file
      Files.move(log, tmp.resolve("app.log.1"));
      append(log, "new 1\n");
      Span rotation = poll(f);
      assertEquals(List.of("two", "three"), rotation.lines(), "the old file's rest first");
      Span fresh = poll(f);
      assertEquals(List.of("new 1"), fresh.lines());
      assertEquals(before.lines(), readAgain(log, before), "in app.log.1 now");
      assertEquals(rotation.lines(), readAgain(log, rotation));
      assertEquals(fresh.lines(), readAgain(log, fresh));
      // One span over both files, as a micro-batch that ends in the new file is.
      assertEquals(List.of("two", "three", "new 1"), FollowedSpan.read(log, rotation.start(),
          fresh.end(), 3, said::add));
      // The old file written to after the rotation: the count bounds what is read of it.
      append(tmp.resolve("app.log.1"), "\nlate\n");
      assertEquals(rotation.lines(), readAgain(log, rotation));
    }
    assertTrue(said.stream().noneMatch(s -> s.startsWith("read ")), said.toString());
  }

  @Test
  void theRestOfAFileRotatedWhileNobodyFollowedIt() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "read\n");
    FilePosition stopped = FileFollower.endOf(log);
    assertEquals(List.of(), FollowedSpan.restOfRotated(log, stopped), "not rotated");
    append(log, "unread\nlast");
    Files.move(log, tmp.resolve("app.log.1"));
    append(log, "new\n");
    assertEquals(List.of("unread", "last"), FollowedSpan.restOfRotated(log, stopped));
    Files.delete(tmp.resolve("app.log.1"));
    assertEquals(List.of(), FollowedSpan.restOfRotated(log, stopped), "gone");
    assertEquals(List.of(), FollowedSpan.restOfRotated(log, new FilePosition(null, 0)));
  }

  @Test
  void aRotatedFileThatLeftTheDirectoryCannotBeReadAgainAndThatIsSaid() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    try (FileFollower f = new FileFollower(log, null, false, said::add)) {
      append(log, "old\n");
      Span old = poll(f);
      Files.delete(log);
      append(log, "new\n");
      assertEquals(List.of(), readAgain(log, old));
      assertTrue(said.get(said.size() - 1).startsWith("read 0 line(s) of " + log + " again where 1"
          + " were followed"), said.toString());
    }
  }

  @Test
  void aFileThatAppearedLateIsReadFromItsStart() throws IOException {
    Path log = tmp.resolve("late.log");
    try (FileFollower f = new FileFollower(log, null, false, said::add)) {
      assertEquals(List.of(), f.poll(10));
      append(log, "first\nsecond\n");
      Span appeared = poll(f);
      assertEquals(null, appeared.start().fileKey());
      assertEquals(List.of("first", "second"), appeared.lines());
      assertEquals(appeared.lines(), readAgain(log, appeared));
    }
  }

  @Test
  void aTruncationLosesTheLinesBeforeIt() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    try (FileFollower f = new FileFollower(log, null, false, said::add)) {
      append(log, "a long first line\n");
      assertEquals(List.of("a long first line"), f.poll(10));
      FilePosition start = f.position();
      append(log, "gone after the truncation\n");
      try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      append(log, "kept\n");
      assertEquals(List.of("kept"), f.poll(10), "the follower missed the line truncated away");
      assertEquals(List.of("kept"), FollowedSpan.read(log, start, f.position(), 1, said::add));
      assertTrue(said.stream().anyMatch(s -> s.contains("truncated within the span")), said.toString());
    }
  }

  @Test
  void noLinesReadsNothing() throws IOException {
    FilePosition p = new FilePosition("(dev=1,ino=2)", 10);
    assertEquals(List.of(), FollowedSpan.read(tmp.resolve("missing.log"), p, p, 0, said::add));
    assertEquals(List.of(), said);
  }

  @Test
  void aLineTheFollowerSkippedAsTooLongIsSkippedWhenReadAgain() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    List<String> warned = new ArrayList<>();
    try (FileFollower f = new FileFollower(log, null, false, said::add, warned::add,
        dstream.wordcount.text.LineLimit.MAX_LINE_BYTES)) {
      FilePosition start = f.position();
      appendBytes(log, ("one\n" + "x".repeat(dstream.wordcount.text.LineLimit.MAX_LINE_BYTES + 1)
          + "\ntwo\n").getBytes(StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 100 && f.position().offset() < Files.size(log); i++) {
        lines.addAll(f.poll(1_000));
      }
      assertEquals(List.of("one", "two"), lines);
      assertEquals(1, warned.size(), warned.toString());
      assertEquals(List.of("one", "two"),
          FollowedSpan.read(log, start, f.position(), 2, said::add));
    }
    assertEquals(List.of(), said);
  }
}
