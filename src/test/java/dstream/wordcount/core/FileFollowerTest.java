package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * {@link FileFollower} on real files: appends, a partial last line, rotation, truncation, a file
 * that appears late, the start policy, bounded polls and resuming at a position.
 */
class FileFollowerTest {
  @TempDir Path tmp;
  private final List<String> said = new ArrayList<>();

  private FileFollower follow(Path file, FilePosition resume, boolean fromStart)
      throws IOException {
    return new FileFollower(file, resume, fromStart, said::add);
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  void startsAtTheEndAndReturnsAppendedLines() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "old 1\nold 2\n");
    try (FileFollower f = follow(log, null, false)) {
      assertEquals(List.of(), f.poll(100));
      append(log, "new 1\nnew 2\r\n");
      assertEquals(List.of("new 1", "new 2"), f.poll(100));
      assertEquals(List.of(), f.poll(100));
      append(log, "\n");
      assertEquals(List.of(""), f.poll(100), "an empty line is a line");
    }
    assertEquals(List.of(), said);
  }

  @Test
  void theEndTakenWhenTheJobStartsKeepsWhatWasAppendedBeforeTheFollowerOpened() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "old 1\n");
    FilePosition end = FileFollower.endOf(log); // the driver, at job start
    append(log, "before the receiver ran\n"); // the receiver starts seconds later
    try (FileFollower f = follow(log, end, false)) {
      assertEquals(List.of("before the receiver ran"), f.poll(100));
    }
    assertEquals(null, FileFollower.endOf(tmp.resolve("missing.log")));
  }

  @Test
  void fromStartReadsTheExistingLinesFirst() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "old 1\nold 2\n");
    try (FileFollower f = follow(log, null, true)) {
      assertEquals(List.of("old 1", "old 2"), f.poll(100));
    }
  }

  @Test
  void aPartialLineWaitsForItsNewline() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    try (FileFollower f = follow(log, null, false)) {
      append(log, "complete\npart");
      assertEquals(List.of("complete"), f.poll(100));
      assertEquals(new FilePosition(f.position().fileKey(), 9), f.position(),
          "the position ends after the last complete line");
      append(log, "ial caf");
      assertEquals(List.of(), f.poll(100));
      append(log, "é\n");
      assertEquals(List.of("partial café"), f.poll(100));
      assertEquals(Files.size(log), f.position().offset());
    }
  }

  @Test
  void aRotatedFileIsReadToItsEndThenTheNewOneFromItsStart() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    try (FileFollower f = follow(log, null, false)) {
      append(log, "before\n");
      assertEquals(List.of("before"), f.poll(100));
      append(log, "late in the old file\nunterminated");
      Files.move(log, tmp.resolve("app.log.1"));
      assertEquals(List.of("late in the old file"), f.poll(100), "renamed away, not re-created yet");
      append(log, "first of the new file\n");
      assertEquals(List.of("unterminated"), f.poll(100), "the old file's last line, complete now");
      assertEquals(List.of("first of the new file"), f.poll(100));
      append(log, "second\n");
      assertEquals(List.of("second"), f.poll(100));
    }
    assertEquals(List.of(tmp.resolve("app.log") + " was replaced (rotated); reading the new file"
        + " from its start"), said);
  }

  @Test
  void aTruncatedFileIsReadAgainFromItsStart() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    try (FileFollower f = follow(log, null, false)) {
      append(log, "one\ntwo\nhalf");
      assertEquals(List.of("one", "two"), f.poll(100));
      try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
        c.truncate(0);
      }
      append(log, "after\n");
      assertEquals(List.of("after"), f.poll(100), "the half line before the truncation is gone");
    }
    assertEquals(List.of(log + " was truncated; reading it from its start"), said);
  }

  @Test
  void aMissingFileIsWaitedForSaidOnceAndReadFromItsStart() throws IOException {
    Path log = tmp.resolve("late.log");
    try (FileFollower f = follow(log, null, false)) {
      assertEquals(List.of(), f.poll(100));
      assertEquals(List.of(), f.poll(100));
      append(log, "first\nsecond\n");
      assertEquals(List.of("first", "second"), f.poll(100));
    }
    assertEquals(List.of(log + " does not exist yet; waiting for it to appear",
        log + " appeared; reading it from its start"), said);
  }

  @Test
  void aPollReturnsAtMostMaxLinesAndTheNextGoesOn() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "a\nb\nc\nd\ne");
    try (FileFollower f = follow(log, null, true)) {
      assertEquals(List.of("a", "b"), f.poll(2));
      assertEquals(4, f.position().offset());
      assertEquals(List.of("c", "d"), f.poll(2));
      assertEquals(List.of(), f.poll(2));
      append(log, "\n");
      assertEquals(List.of("e"), f.poll(2));
    }
  }

  @Test
  void resumesAtAPositionOfTheSameFileElseReadsFromTheStart() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    FilePosition stopped;
    try (FileFollower f = follow(log, null, false)) {
      append(log, "seen\n");
      assertEquals(List.of("seen"), f.poll(100));
      stopped = f.position();
    }
    append(log, "while down\n");
    FilePosition back = FilePosition.parse(stopped.toText());
    assertEquals(stopped, back);
    try (FileFollower f = follow(log, back, false)) {
      assertEquals(List.of("while down"), f.poll(100));
    }
    // Rotated while down: the new file is read from its start.
    Files.move(log, tmp.resolve("app.log.1"));
    append(log, "rotated while down\n");
    try (FileFollower f = follow(log, back, false)) {
      assertEquals(List.of("rotated while down"), f.poll(100));
    }
    assertNotNull(back.fileKey());
    assertEquals(null, FilePosition.parse("not a position"));
  }

  @Test
  void aLineLongerThanTheLimitIsSkippedWithOneWarningAndNotHeld() throws IOException {
    Path log = tmp.resolve("app.log");
    append(log, "");
    List<String> warned = new ArrayList<>();
    try (FileFollower f = new FileFollower(log, null, false, said::add, warned::add, 10)) {
      append(log, "a\n" + "x".repeat(15));
      assertEquals(List.of("a"), f.poll(100));
      assertEquals(new FilePosition(f.position().fileKey(), 2), f.position(),
          "an unfinished long line is not returned: the position stays at its start");
      append(log, "x".repeat(15) + "\nexactly 10\nb\n");
      assertEquals(List.of("exactly 10", "b"), f.poll(100));
      assertEquals(Files.size(log), f.position().offset());
    }
    assertEquals(List.of("tail source: the line at byte 2 of " + log + " is longer than 16 MiB,"
        + " the longest line a source reads; skipped, the lines after it are read"), warned);
    assertEquals(List.of(), said);
  }
}
