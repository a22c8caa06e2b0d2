package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dstream.wordcount.testing.RandomText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link CountSlices}: the exact bytes of known words, and lossless round trips on random Unicode. */
class CountSlicesTest {
  private static WordTable table(List<String> lines, Tokenizer t) {
    WordTable table = new WordTable();
    lines.forEach(line -> table.addWords(line, t));
    return table;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void knownWordsHaveTheDocumentedBytes() {
    WordTable t = new WordTable();
    t.add("ab", 3);
    t.add("\u00e9", 300); // Latin-1: one byte; 300 is the varint ac 02
    t.add("\u03a9", 1); // above U+00FF: two bytes, the header's low bit set
    t.add("\ud83d\ude00", 2); // a surrogate pair is two chars
    byte[] slice = CountSlices.encode(t, 1)[0];
    assertArrayEquals(bytes(4, 'a', 'b', 3, 2, 0xe9, 0xac, 0x02, 3, 0x03, 0xa9, 1,
        5, 0xd8, 0x3d, 0xde, 0x00, 2), slice);
    WordTable back = new WordTable();
    CountSlices.addTo(back, slice);
    assertEquals(Map.of("ab", 3L, "\u00e9", 300L, "\u03a9", 1L, "\ud83d\ude00", 2L), back.toMap());
  }

  @Test
  void eachWordIsInTheSliceOfItsHashPartitionAndNothingIsLost() {
    for (Tokenizer tok : Tokenizer.values()) {
      for (int seed = 0; seed < 30; seed++) {
        WordTable t = table(new RandomText(500 + seed).lines(300, 30), tok);
        int partitions = 1 + seed % 4;
        byte[][] slices = CountSlices.encode(t, partitions);
        assertEquals(partitions, slices.length);
        WordTable all = new WordTable();
        for (int p = 0; p < partitions; p++) {
          WordTable one = new WordTable();
          CountSlices.addTo(one, slices[p]);
          int partition = p;
          one.forEach((word, count) -> assertEquals(partition,
              CountSlices.partitionOf(word.hashCode(), partitions), word));
          all.addAll(one);
        }
        assertEquals(new TreeMap<>(t.toMap()), new TreeMap<>(all.toMap()), tok + " seed " + seed);
      }
    }
  }

  @Test
  void slicesAddUpAcrossTables() {
    WordTable a = new WordTable();
    a.add("spark", 2);
    a.add("x", 1);
    WordTable b = new WordTable();
    b.add("spark", 5);
    WordTable merged = new WordTable();
    CountSlices.addTo(merged, CountSlices.encode(a, 1)[0]);
    CountSlices.addTo(merged, CountSlices.encode(b, 1)[0]);
    assertEquals(Map.of("spark", 7L, "x", 1L), merged.toMap());
  }

  @Test
  void aLongWordAndALargeCountSurvive() {
    String longWord = "w".repeat(100_000); // beyond writeUTF's 64 KB
    WordTable t = new WordTable();
    t.add(longWord, Long.MAX_VALUE);
    WordTable back = new WordTable();
    CountSlices.addTo(back, CountSlices.encode(t, 1)[0]);
    assertEquals(Map.of(longWord, Long.MAX_VALUE), back.toMap());
  }

  @Test
  void partitionIsTheNonNegativeRemainder() {
    assertEquals(1, CountSlices.partitionOf(7, 3));
    assertEquals(2, CountSlices.partitionOf(-7, 3));
    assertEquals(0, CountSlices.partitionOf(Integer.MIN_VALUE, 2));
    assertEquals(0, CountSlices.partitionOf(-5, 1));
  }

  @Test
  void anEmptyTableGivesEmptySlicesAndBadInputIsRefused() {
    byte[][] slices = CountSlices.encode(new WordTable(), 3);
    assertEquals(3, slices.length);
    for (byte[] s : slices) {
      assertEquals(0, s.length);
    }
    assertThrows(IllegalArgumentException.class, () -> CountSlices.encode(new WordTable(), 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CountSlices.addTo(new WordTable(), bytes(4, 'a', 'b')));
    assertEquals("truncated count slice at byte 3", e.getMessage());
  }
}
