package dstream.wordcount.core;

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
 * <p>An open-addressing table of its own (linear probing over parallel arrays of keys, full hashes
 * and counts) rather than a library map: the hash is computed during the tokenizing scan, so a
 * lookup hashes nothing again, and a slot holds a primitive {@code long}. Measured on one thread
 * over 1M Zipf words (100k vocabulary, this project's bench corpus): {@code HashMap} +
 * {@code substring} 99 ms, fastutil's {@code Object2ObjectOpenCustomHashMap} with a strategy over
 * a reusable {@code CharSequence} slice 58 ms, this table 33 ms; so no dependency.
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

  private String[] keys;
  private int[] hashes;
  private long[] counts;
  private int mask;
  private int size;
  private int resizeAt;

  /** An empty table. */
  public WordTable() {
    allocate(MIN_CAPACITY);
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
    String[] k = other.keys;
    for (int s = 0; s < k.length; s++) {
      if (k[s] != null) {
        insertOrAdd(k[s], other.hashes[s], other.counts[s]);
      }
    }
  }

  /** The count of {@code word}, 0 if absent. */
  public long count(String word) {
    int h = word.hashCode();
    for (int s = slot(h); keys[s] != null; s = (s + 1) & mask) {
      if (hashes[s] == h && keys[s].equals(word)) {
        return counts[s];
      }
    }
    return 0;
  }

  /** The number of distinct words. */
  public int size() {
    return size;
  }

  /** Calls {@code action} once per distinct word with its count, in no particular order. */
  public void forEach(ObjLongConsumer<String> action) {
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != null) {
        action.accept(keys[s], counts[s]);
      }
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
    for (String k; (k = keys[s]) != null; s = (s + 1) & mask) {
      if (hashes[s] == h && k.length() == len && line.regionMatches(start, k, 0, len)) {
        counts[s]++;
        return;
      }
    }
    insertAt(s, line.substring(start, end), h, 1);
  }

  /** Counts the lower-cased {@code line[start, end)}, every char of it simple to fold. */
  private void addFoldedRange(String line, int start, int end, int h) {
    int len = end - start;
    int s = slot(h);
    for (String k; (k = keys[s]) != null; s = (s + 1) & mask) {
      if (hashes[s] == h && k.length() == len && equalsFolded(k, line, start, len)) {
        counts[s]++;
        return;
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
    for (String k; (k = keys[s]) != null; s = (s + 1) & mask) {
      if (hashes[s] == h && k.equals(word)) {
        counts[s] += count;
        return;
      }
    }
    insertAt(s, word, h, count);
  }

  private void insertAt(int s, String word, int h, long count) {
    keys[s] = word;
    hashes[s] = h;
    counts[s] = count;
    if (++size > resizeAt) {
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

  private void allocate(int capacity) {
    keys = new String[capacity];
    hashes = new int[capacity];
    counts = new long[capacity];
    mask = capacity - 1;
    // Half full at most: linear probing stays short and misses end quickly.
    resizeAt = capacity / 2;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    long[] oldCounts = counts;
    allocate(oldKeys.length * 2);
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != null) {
        int t = slot(oldHashes[s]);
        while (keys[t] != null) {
          t = (t + 1) & mask;
        }
        keys[t] = oldKeys[s];
        hashes[t] = oldHashes[s];
        counts[t] = oldCounts[s];
      }
    }
  }
}
