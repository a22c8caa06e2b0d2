package dstream.wordcount.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
  /** The lines of {@code text} read with {@code limit}; skipped line numbers into {@code skipped}. */
  private static List<String> lines(byte[] bytes, int limit, boolean byteByByte,
      List<Long> skipped) {
    ByteArrayInputStream all = new ByteArrayInputStream(bytes);
    InputStream in = all;
    if (byteByByte) {
      in = new InputStream() {
        @Override
        public int read() {
          return all.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return len == 0 ? 0 : all.read(b, off, 1); // every boundary, a CR and its LF split too
        }
      };
    }
    List<String> out = new ArrayList<>();
    new BoundedLines(in, limit, skipped::add).forEachRemaining(out::add);
    return out;
  }

  private static List<String> readLine(byte[] bytes) throws IOException {
    BufferedReader r = new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>();
    for (String l = r.readLine(); l != null; l = r.readLine()) {
      out.add(l);
    }
    return out;
  }

  @Test
  void splitsAsReadLineDoesWhenNoLineIsTooLong() throws IOException {
    Random random = new Random(7);
    String[] pieces = {"a", "bc", " ", "é", "ü", "\n", "\r", "\r\n", "\n\n", "x y"};
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      List<Long> skipped = new ArrayList<>();
      assertEquals(readLine(bytes), lines(bytes, 1000, false, skipped), text.toString());
      assertEquals(readLine(bytes), lines(bytes, 1000, true, skipped), text.toString());
      assertEquals(List.of(), skipped);
    }
  }

  @Test
  void skipsALongerLineAndNamesItsNumber() {
    byte[] bytes = "ok\n12345\n1234\r\nlast one too long".getBytes(StandardCharsets.UTF_8);
    for (boolean byteByByte : new boolean[] {false, true}) {
      List<Long> skipped = new ArrayList<>();
      assertEquals(List.of("ok", "1234"), lines(bytes, 4, byteByByte, skipped));
      assertEquals(List.of(2L, 4L), skipped);
    }
  }

  @Test
  void aLongLineIsNotHeld() {
    // 64 MiB of one line through a 16-byte limit: read past in chunks, never held.
    long size = 64L << 20;
    InputStream endless = new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : (left == -1 ? '\n' : -1);
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left < 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        if (n == 0) {
          b[off] = '\n';
          left = -1;
          return 1;
        }
        return n;
      }
    };
    List<Long> skipped = new ArrayList<>();
    List<String> out = new ArrayList<>();
    new BoundedLines(new java.io.SequenceInputStream(endless,
        new ByteArrayInputStream("after\n".getBytes(StandardCharsets.UTF_8))), 16, skipped::add)
        .forEachRemaining(out::add);
    assertEquals(List.of("after"), out);
    assertEquals(List.of(1L), skipped);
  }

  @Test
  void anIoErrorIsUnchecked() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    BoundedLines lines = new BoundedLines(broken, 10, n -> {});
    assertEquals("connection reset",
        assertThrows(UncheckedIOException.class, lines::hasNext).getCause().getMessage());
  }
}
