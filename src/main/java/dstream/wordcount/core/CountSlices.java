package dstream.wordcount.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link WordTable} cut into one compact byte slice per shuffle partition, and slices added back
 * into a table: what the counting step shuffles instead of one {@code (word, count)} tuple per
 * distinct word. A word goes to the slice {@link #partitionOf} its {@code hashCode}, the rule of
 * Spark's {@code HashPartitioner}, so the merged counts come out partitioned exactly as a
 * {@code reduceByKey} would leave them.
 *
 * <p>Why not Spark's serializer: with Java serialization each tuple costs three objects written,
 * read and hashed again on the reduce side (Spark's aggregation map), and Kryo measured slower
 * still. Slices are one {@code byte[]} per partition pair: a {@code count} batch of 1M words
 * took a third less time with them (docs/performance.md, "What each optimization brought").
 *
 * <p>Format, per word: a varint of the word's length in chars times two, plus one if any char is
 * above U+00FF; the chars as one byte each (ISO-8859-1, what Java's compact strings hold), or two
 * bytes each, big-endian; then a varint of the count. Counts are positive.
 */
public final class CountSlices {
  private CountSlices() {}

  /** The partition of a key with this {@code hashCode} among {@code partitions}, as HashPartitioner. */
  public static int partitionOf(int hash, int partitions) {
    int mod = hash % partitions;
    return mod < 0 ? mod + partitions : mod;
  }

  /**
   * The table's words and counts, one slice per partition, each word in the slice of
   * {@link #partitionOf} its hash; an empty partition gets a zero-length slice.
   */
  public static byte[][] encode(WordTable table, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    Buffer[] out = new Buffer[partitions];
    int guess = Math.max(16, table.size() * 8 / partitions);
    for (int p = 0; p < partitions; p++) {
      out[p] = new Buffer(guess);
    }
    table.forEach((word, count) -> out[partitionOf(word.hashCode(), partitions)].put(word, count));
    byte[][] slices = new byte[partitions][];
    for (int p = 0; p < partitions; p++) {
      slices[p] = out[p].bytes();
    }
    return slices;
  }

  /** Adds every word and count of {@code slice} (from {@link #encode}) to {@code table}. */
  public static void addTo(WordTable table, byte[] slice) {
    int[] pos = {0};
    while (pos[0] < slice.length) {
      long header = readVarint(slice, pos);
      int len = (int) (header >>> 1);
      int at = pos[0];
      if ((long) at + ((header & 1) == 0 ? len : 2L * len) > slice.length) {
        throw new IllegalArgumentException("truncated count slice at byte " + slice.length);
      }
      String word;
      if ((header & 1) == 0) {
        word = new String(slice, at, len, StandardCharsets.ISO_8859_1);
        pos[0] = at + len;
      } else {
        char[] chars = new char[len];
        for (int i = 0; i < len; i++, at += 2) {
          chars[i] = (char) (((slice[at] & 0xff) << 8) | (slice[at + 1] & 0xff));
        }
        word = new String(chars);
        pos[0] = at;
      }
      table.add(word, readVarint(slice, pos));
    }
  }

  private static long readVarint(byte[] in, int[] pos) {
    long v = 0;
    int shift = 0;
    int i = pos[0];
    while (true) {
      if (i >= in.length) {
        throw new IllegalArgumentException("truncated count slice at byte " + i);
      }
      byte b = in[i++];
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        pos[0] = i;
        return v;
      }
      shift += 7;
    }
  }

  /** A growable byte array that words and counts are appended to. */
  private static final class Buffer {
    private byte[] buf;
    private int size;

    Buffer(int capacity) {
      buf = new byte[capacity];
    }

    void put(String word, long count) {
      int len = word.length();
      boolean wide = false;
      for (int i = 0; i < len && !wide; i++) {
        wide = word.charAt(i) > 0xff;
      }
      ensure(10 + (wide ? 2 * len : len) + 10);
      putVarint(((long) len << 1) | (wide ? 1 : 0));
      if (wide) {
        for (int i = 0; i < len; i++) {
          char c = word.charAt(i);
          buf[size++] = (byte) (c >>> 8);
          buf[size++] = (byte) c;
        }
      } else {
        // One byte per char: what getBytes(ISO_8859_1) does without the intermediate array.
        for (int i = 0; i < len; i++) {
          buf[size++] = (byte) word.charAt(i);
        }
      }
      putVarint(count);
    }

    private void putVarint(long v) {
      while ((v & ~0x7fL) != 0) {
        buf[size++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    byte[] bytes() {
      return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
  }
}
