package dstream.wordcount.core;

import java.io.Serializable;

/**
 * Where the lines a {@link FileFollower} returned so far end; what a tail position file or a
 * structured tail offset holds.
 *
 * @param fileKey the file's key ({@code BasicFileAttributes.fileKey()}) as text, or null
 * @param offset bytes of the file up to the end of the last returned line
 */
public record FilePosition(String fileKey, long offset) implements Serializable {
  /** One line: offset, a space, the key. */
  public String toText() {
    return offset + " " + (fileKey == null ? "" : fileKey);
  }

  /** Reads {@link #toText}; null for text that is not a position. */
  public static FilePosition parse(String text) {
    String t = text.strip();
    int space = t.indexOf(' ');
    try {
      long offset = Long.parseLong(space < 0 ? t : t.substring(0, space));
      String key = space < 0 ? "" : t.substring(space + 1).strip();
      return new FilePosition(key.isEmpty() ? null : key, offset);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
