package dstream.wordcount.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Word counts read straight from lines: tokenizing and counting in one pass, hashing the
 * characters of each word where they stand in the line, so a {@code String} is allocated only for
 * a word the table has not seen yet, not for every occurrence. The words are exactly those of
 * {@link Tokenizer#forEachWord}, in the same normalized form (the property tests in
 * {@code WordTableTest} check this against {@code Tokenizer.tokenize} on random Unicode).
 *
 * <p>An open-addressing table of its own (linear probing over one {@code long[]} of hash and
 * position, the words and counts in dense arrays in insertion order) rather than a library map:
 * the hash is computed during the tokenizing scan, so a lookup hashes nothing again, and counts
 * are primitive {@code long}s. It beat both {@code HashMap} and fastutil's custom-strategy map
 * (docs/performance.md, "What each optimization brought"), so no dependency.
 *
 * <p>One unit over 250 lines on purpose: the scan, the hash, the probe and the insert share the
 * table's arrays and its folding rules on the per-word hot path; split apart, each would need
 * the others' internals.
 *
 * <p>{@link Tokenizer#WORDS} lower-cases: its characters are folded while hashing and compared
 * folded, and the folded form is allocated on insert. A word holding a character whose
 * {@code toLowerCase(Locale.ROOT)} is not one plain {@link Character#toLowerCase(int)} of one
 * BMP char (a surrogate pair, 'İ' which becomes two chars, 'Σ' whose form depends on its
 * position) takes the tokenizer's own slow path for that word, so those rules never need copying.
 *
 * <p>Not thread-safe: one table per partition or thread, merged with {@link #addAll}.
 */
public final class WordTable {
  private static final int MIN_CAPACITY = 256;
  /** isWordChar of each ASCII character, per tokenizer ordinal. */
  private static final boolean[][] ASCII_WORD_CHAR = new boolean[Tokenizer.values().length][128];
  /** ASCII lower-casing, the same as {@code toLowerCase(Locale.ROOT)} on ASCII. */
  private static final char[] ASCII_LOWER = new char[128];

  static {
    for (Tokenizer t : Tokenizer.values()) {
      for (int c = 0; c < 128; c++) {
        ASCII_WORD_CHAR[t.ordinal()][c] = t.isWordChar(c);
      }
    }
    for (int c = 0; c < 128; c++) {
      ASCII_LOWER[c] = (char) Character.toLowerCase(c);
    }
  }

  /**
   * The open-addressing index: 0 for an empty slot, else the word's hash in the high half and its
   * position in {@link #words} plus one in the low half. One {@code long} per probe, and the
   * hash check needs no other array.
   */
  private long[] slots;
  /** The words in insertion order; {@code counts[i]} is the count of {@code words[i]}. */
  private String[] words;
  private long[] counts;
  private int mask;
  private int size;
  private int resizeAt;

  /** An empty table. */
  public WordTable() {
    slots = new long[MIN_CAPACITY];
    mask = MIN_CAPACITY - 1;
    resizeAt = MIN_CAPACITY / 2;
    words = new String[MIN_CAPACITY / 2];
    counts = new long[MIN_CAPACITY / 2];
  }

  /** Counts every word of {@code line} by {@code tokenizer}. A null line has no words. */
  public void addWords(String line, Tokenizer tokenizer) {
    if (line == null) {
      return;
    }
    if (tokenizer == Tokenizer.WORDS) {
      scanFolding(line);
    } else {
      scanKeepingCase(line, tokenizer);
    }
  }

  /**
   * Adds {@code count} to {@code word}, taken as already normalized (a word a tokenizer yielded).
   */
  public void add(String word, long count) {
    insertOrAdd(word, word.hashCode(), count);
  }

  /** Adds every count of {@code other} to this table; {@code other} is left unchanged. */
  public void addAll(WordTable other) {
    for (int s = 0; s < other.slots.length; s++) {
      long e = other.slots[s];
      if (e != 0) {
        int i = (int) e - 1;
        insertOrAdd(other.words[i], (int) (e >>> 32), other.counts[i]);
      }
    }
  }

  /** The count of {@code word}, 0 if absent. */
  public long count(String word) {
    int h = word.hashCode();
    for (int s = slot(h); slots[s] != 0; s = (s + 1) & mask) {
      long e = slots[s];
      if ((int) (e >>> 32) == h && words[(int) e - 1].equals(word)) {
        return counts[(int) e - 1];
      }
    }
    return 0;
  }

  /** The number of distinct words. */
  public int size() {
    return size;
  }

  /** Calls {@code action} once per distinct word with its count, in the order words were first seen. */
  public void forEach(ObjLongConsumer<String> action) {
    for (int i = 0; i < size; i++) {
      action.accept(words[i], counts[i]);
    }
  }

  /** The counts as a new map, word to count. */
  public Map<String, Long> toMap() {
    Map<String, Long> out = new HashMap<>(size * 2);
    forEach(out::put);
    return out;
  }

  /**
   * {@link Tokenizer#forEachWord}'s scan with the word hashed on the way: {@code h} is
   * {@code String.hashCode} of the word, so {@link #add} and this agree on every key.
   */
  private void scanKeepingCase(String line, Tokenizer tokenizer) {
    boolean[] ascii = ASCII_WORD_CHAR[tokenizer.ordinal()];
    int n = line.length();
    int start = -1;
    int h = 0;
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (c < 128) {
        if (ascii[c]) {
          if (start < 0) {
            start = i;
            h = 0;
          }
          h = 31 * h + c;
        } else if (start >= 0) {
          addRange(line, start, i, h);
          start = -1;
        }
        i++;
      } else {
        int cp = line.codePointAt(i);
        int len = Character.charCount(cp);
        if (tokenizer.isWordChar(cp)) {
          if (start < 0) {
            start = i;
            h = 0;
          }
          h = 31 * h + c;
          if (len == 2) {
            h = 31 * h + line.charAt(i + 1);
          }
        } else if (start >= 0) {
          addRange(line, start, i, h);
          start = -1;
        }
        i += len;
      }
    }
    if (start >= 0) {
      addRange(line, start, n, h);
    }
  }

  /**
   * The {@link Tokenizer#WORDS} scan: {@code h} hashes the lower-cased characters. {@code folded}
   * says some character changed (compare folded, allocate the folded form); {@code slow} says one
   * needs the full {@code String.toLowerCase} rules.
   */
  private void scanFolding(String line) {
    Tokenizer words = Tokenizer.WORDS;
    boolean[] ascii = ASCII_WORD_CHAR[words.ordinal()];
    int n = line.length();
    int start = -1;
    int h = 0;
    boolean folded = false;
    boolean slow = false;
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      int len = 1;
      boolean wordChar;
      char lower = c;
      boolean simple = true;
      if (c < 128) {
        wordChar = ascii[c];
        lower = ASCII_LOWER[c];
      } else {
        int cp = line.codePointAt(i);
        len = Character.charCount(cp);
        wordChar = words.isWordChar(cp);
        if (wordChar) {
          int l = Character.toLowerCase(cp);
          // String.toLowerCase treats these specially (see the class comment).
          simple = len == 1 && c != '\u0130' && c != '\u03a3' && l <= 0xFFFF;
          lower = (char) l;
        }
      }
      if (wordChar) {
        if (start < 0) {
          start = i;
          h = 0;
          folded = false;
          slow = false;
        }
        h = 31 * h + lower;
        folded |= lower != c;
        slow |= !simple;
      } else if (start >= 0) {
        addFolded(line, start, i, h, folded, slow);
        start = -1;
      }
      i += len;
    }
    if (start >= 0) {
      addFolded(line, start, n, h, folded, slow);
    }
  }

  private void addFolded(String line, int start, int end, int h, boolean folded, boolean slow) {
    if (slow) {
      add(Tokenizer.WORDS.normalize(line.substring(start, end)), 1);
    } else if (!folded) {
      addRange(line, start, end, h);
    } else {
      addFoldedRange(line, start, end, h);
    }
  }

  /** Counts {@code line[start, end)} as it stands; allocates it only if new. */
  private void addRange(String line, int start, int end, int h) {
    int len = end - start;
    int s = slot(h);
    for (long e; (e = slots[s]) != 0; s = (s + 1) & mask) {
      if ((int) (e >>> 32) == h) {
        int i = (int) e - 1;
        String k = words[i];
        if (k.length() == len && line.regionMatches(start, k, 0, len)) {
          counts[i]++;
          return;
        }
      }
    }
    insertAt(s, line.substring(start, end), h, 1);
  }

  /** Counts the lower-cased {@code line[start, end)}, every char of it simple to fold. */
  private void addFoldedRange(String line, int start, int end, int h) {
    int len = end - start;
    int s = slot(h);
    for (long e; (e = slots[s]) != 0; s = (s + 1) & mask) {
      if ((int) (e >>> 32) == h) {
        int i = (int) e - 1;
        String k = words[i];
        if (k.length() == len && equalsFolded(k, line, start, len)) {
          counts[i]++;
          return;
        }
      }
    }
    char[] word = new char[len];
    for (int j = 0; j < len; j++) {
      word[j] = lower(line.charAt(start + j));
    }
    insertAt(s, new String(word), h, 1);
  }

  private static boolean equalsFolded(String key, String line, int start, int len) {
    for (int j = 0; j < len; j++) {
      if (key.charAt(j) != lower(line.charAt(start + j))) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c < 128 ? ASCII_LOWER[c] : (char) Character.toLowerCase((int) c);
  }

  private void insertOrAdd(String word, int h, long count) {
    int s = slot(h);
    for (long e; (e = slots[s]) != 0; s = (s + 1) & mask) {
      if ((int) (e >>> 32) == h && words[(int) e - 1].equals(word)) {
        counts[(int) e - 1] += count;
        return;
      }
    }
    insertAt(s, word, h, count);
  }

  private void insertAt(int s, String word, int h, long count) {
    if (size == words.length) {
      words = Arrays.copyOf(words, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    words[size] = word;
    counts[size] = count;
    size++;
    slots[s] = ((long) h << 32) | size;
    if (size > resizeAt) {
      grow();
    }
  }

  /**
   * String.hashCode of similar short words differs in few bits; multiplying by the golden ratio
   * and folding the high half down (fastutil's HashCommon.mix) spreads them over the
   * power-of-two table.
   */
  private int slot(int h) {
    int x = h * 0x9E3779B9;
    return (x ^ (x >>> 16)) & mask;
  }

  private void grow() {
    long[] old = slots;
    // Half full at most: linear probing stays short and misses end quickly.
    slots = new long[old.length * 2];
    mask = slots.length - 1;
    resizeAt = slots.length / 2;
    for (long e : old) {
      if (e != 0) {
        int t = slot((int) (e >>> 32));
        while (slots[t] != 0) {
          t = (t + 1) & mask;
        }
        slots[t] = e;
      }
    }
  }
}
