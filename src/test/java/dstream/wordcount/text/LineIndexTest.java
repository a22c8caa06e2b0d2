package dstream.wordcount.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dstream.wordcount.testing.Replays;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LineIndex} and {@link Utf8Lines} on real files: exact offsets and line counts for every
 * terminator, a missing last terminator, an empty file, multi-byte UTF-8 and a CRLF split across
 * read chunks; and, on seeded random bytes (invalid UTF-8 included), that reading from each
 * indexed offset gives exactly the lines the DStream replay's {@code BufferedReader} gives from
 * there on.
 */
class LineIndexTest {
  @TempDir Path tmp;
  private int files;

  private Path file(byte[] content) throws IOException {
    Path f = tmp.resolve("f" + files++ + ".txt");
    Files.write(f, content);
    return f;
  }

  private Path file(String content) throws IOException {
    return file(content.getBytes(StandardCharsets.UTF_8));
  }

  private static long[] starts(LineIndex index) {
    long[] out = new long[index.blocks()];
    for (int b = 0; b < out.length; b++) {
      out[b] = index.startOfBlock(b);
    }
    return out;
  }

  private static void assertIndex(long lines, long[] starts, LineIndex index) {
    assertEquals(lines, index.lines(), "lines");
    assertEquals(Arrays.toString(starts), Arrays.toString(starts(index)), "block starts");
  }

  private static List<String> linesFrom(Path f, long byteOffset) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = Utf8Lines.from(f, byteOffset)) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void lf() throws IOException {
    Path f = file("a\nbb\nccc\n");
    assertIndex(3, new long[] {0, 2, 5}, LineIndex.of(f, 1));
    assertIndex(3, new long[] {0, 5}, LineIndex.of(f, 2));
    assertIndex(3, new long[] {0}, LineIndex.of(f, 3));
    assertIndex(3, new long[] {0}, LineIndex.of(f, 1000));
  }

  /** A line of the limit passes; one byte more is refused, naming the line from 1. */
  @Test
  void aLineOverTheLimitIsRefusedWithItsNumber() throws IOException {
    byte[] atLimit = new byte[LineIndex.MAX_LINE_BYTES];
    Arrays.fill(atLimit, (byte) 'x');
    Path ok = tmp.resolve("at-limit.txt");
    Files.write(ok, ("a\r\n" + new String(atLimit, StandardCharsets.US_ASCII) + "\nb")
        .getBytes(StandardCharsets.US_ASCII));
    assertEquals(3, LineIndex.of(ok, 1).lines());
    Path over = tmp.resolve("over.txt");
    Files.write(over, ("a\r\n" + new String(atLimit, StandardCharsets.US_ASCII) + "xx\nb")
        .getBytes(StandardCharsets.US_ASCII));
    LineIndex.LineTooLong e = assertThrows(LineIndex.LineTooLong.class, () -> LineIndex.of(over, 1));
    assertEquals(2, e.line());
    assertEquals("line 2 is longer than 16 MiB", e.getMessage());
  }

  @Test
  void cr() throws IOException {
    assertIndex(3, new long[] {0, 2, 5}, LineIndex.of(file("a\rbb\rccc\r"), 1));
  }

  @Test
  void crlf() throws IOException {
    assertIndex(3, new long[] {0, 3, 7}, LineIndex.of(file("a\r\nbb\r\nccc\r\n"), 1));
    assertIndex(1, new long[] {0}, LineIndex.of(file("\r\n"), 1));
  }

  @Test
  void mixedTerminatorsAndEmptyLines() throws IOException {
    // "a" CRLF, "" LF, "" CR, "" CR, "b" LF, "" CR, "c": LF CR is two terminators, CR LF one.
    Path f = file("a\r\n\n\r\rb\n\rc");
    assertEquals(List.of("a", "", "", "", "b", "", "c"), Replays.dstreamLines(f));
    assertIndex(7, new long[] {0, 3, 4, 5, 6, 8, 9}, LineIndex.of(f, 1));
    assertIndex(7, new long[] {0, 5, 9}, LineIndex.of(f, 3));
    assertIndex(2, new long[] {0, 1}, LineIndex.of(file("\n\r"), 1));
    assertIndex(2, new long[] {0, 1}, LineIndex.of(file("\r\r\n"), 1));
  }

  @Test
  void aLastLineWithoutTerminatorCounts() throws IOException {
    assertIndex(2, new long[] {0, 2}, LineIndex.of(file("x\ny"), 1));
    assertIndex(1, new long[] {0}, LineIndex.of(file("only"), 1));
  }

  @Test
  void anEmptyFileHasNoLine() throws IOException {
    LineIndex index = LineIndex.of(file(""), 3);
    assertIndex(0, new long[0], index);
    assertEquals(0, index.blocks());
    assertThrows(IndexOutOfBoundsException.class, () -> index.start(0));
    assertIndex(1, new long[] {0}, LineIndex.of(file("\n"), 3));
  }

  @Test
  void multiByteUtf8() throws IOException {
    // é is 2 bytes, € 3, 😀 4.
    Path f = file("é\n€\n\ud83d\ude00\nz");
    assertIndex(4, new long[] {0, 3, 7, 12}, LineIndex.of(f, 1));
    assertEquals(List.of("\ud83d\ude00", "z"), linesFrom(f, 7));
  }

  @Test
  void aCrlfSplitAcrossReadChunksIsOneTerminator() throws IOException {
    // The scan reads 64 KiB at a time: the CR ends one chunk, its LF starts the next.
    byte[] content = new byte[(1 << 16) + 2];
    Arrays.fill(content, (byte) 'a');
    content[(1 << 16) - 1] = '\r';
    content[1 << 16] = '\n';
    content[(1 << 16) + 1] = 'b';
    assertIndex(2, new long[] {0, (1 << 16) + 1}, LineIndex.of(file(content), 1));
  }

  @Test
  void startGivesTheBlockAndTheLinesToSkip() throws IOException {
    LineIndex index = LineIndex.of(file("l0\nl1\nl2\nl3\nl4\n"), 2);
    assertEquals(2, index.every());
    assertEquals(3, index.blocks());
    assertEquals(new LineIndex.Start(0, 0), index.start(0));
    assertEquals(new LineIndex.Start(0, 1), index.start(1));
    assertEquals(new LineIndex.Start(6, 0), index.start(2));
    assertEquals(new LineIndex.Start(6, 1), index.start(3));
    assertEquals(new LineIndex.Start(12, 0), index.start(4));
    assertThrows(IndexOutOfBoundsException.class, () -> index.start(5));
    assertThrows(IllegalArgumentException.class, () -> LineIndex.of(tmp, 0));
  }

  @Test
  void invalidUtf8IsReplacedAsTheDStreamReplayDoes() throws IOException {
    byte[] bad = {'o', 'k', '\n', (byte) 0xff, 'x', '\r', (byte) 0xe2, (byte) 0x82, '\n',
        (byte) 0xc3, '\r', '\n', 'e', 'n', 'd', (byte) 0xf0, (byte) 0x9f};
    Path f = file(bad);
    List<String> expected = List.of("ok", "\ufffdx", "\ufffd", "\ufffd", "end\ufffd");
    assertEquals(expected, Replays.dstreamLines(f));
    LineIndex index = LineIndex.of(f, 1);
    assertIndex(5, new long[] {0, 3, 6, 9, 12}, index);
    for (int b = 0; b < index.blocks(); b++) {
      assertEquals(expected.subList(b, expected.size()), linesFrom(f, index.startOfBlock(b)));
    }
  }

  /** Byte pieces random files are made of: text, every terminator, and broken UTF-8. */
  private static final byte[][] PIECES = {
      {'a'}, {'b', 'c'}, {' '}, {'\n'}, {'\r'}, {'\r', '\n'}, {'\n', '\r'},
      "é".getBytes(StandardCharsets.UTF_8), "€".getBytes(StandardCharsets.UTF_8),
      "\ud83d\ude00".getBytes(StandardCharsets.UTF_8),
      {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf0, (byte) 0x9f},
      {(byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}};

  @Test
  void agreesWithBufferedReaderOnRandomBytes() throws IOException {
    Random random = new Random(20261204L);
    for (int round = 0; round < 400; round++) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (int k = random.nextInt(60); k > 0; k--) {
        if (random.nextInt(8) == 0) {
          content.write(random.nextInt(256));
        } else {
          content.writeBytes(PIECES[random.nextInt(PIECES.length)]);
        }
      }
      Path f = file(content.toByteArray());
      int every = 1 + random.nextInt(4);
      List<String> expected = Replays.dstreamLines(f);
      LineIndex index = LineIndex.of(f, every);
      String what = "round " + round + ", every " + every + ", lines " + expected;
      assertEquals(expected.size(), index.lines(), what);
      assertEquals((expected.size() + every - 1) / every, index.blocks(), what);
      for (int b = 0; b < index.blocks(); b++) {
        assertEquals(expected.subList(b * every, expected.size()),
            linesFrom(f, index.startOfBlock(b)), what + ", block " + b);
      }
      for (int line = 0; line < expected.size(); line++) {
        LineIndex.Start s = index.start(line);
        List<String> read = linesFrom(f, s.byteOffset());
        assertEquals(expected.subList(line, expected.size()),
            read.subList((int) s.skip(), read.size()), what + ", line " + line);
      }
      Files.delete(f);
    }
  }
}
