package dstream.wordcount.core;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of a {@code --stopwords} file: one per line, each line tokenized and normalized by the
 * job's {@link Tokenizer} (so {@code The} is the stop word {@code the} under {@code words}, and
 * stays {@code The} under {@code whitespace}), distinct and sorted, with the SHA-256 of the file's
 * bytes. The hash goes into the checkpoint settings record: a recovered graph carries the words it
 * was built with, so a restart after the file changed must be refused, not silently run with the
 * old list. Plain Java, no Spark; serializable because the counting closures capture it.
 *
 * @param file the path as given, or null for no stop words
 * @param sha256 lower-case hex SHA-256 of the file's bytes, or null
 * @param words the distinct stop words, sorted
 */
public record StopWordList(String file, String sha256, List<String> words) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No stop words: the counting pipelines build the graph they build without the option. */
  public static final StopWordList NONE = new StopWordList(null, null, List.of());

  public StopWordList {
    words = List.copyOf(words);
  }

  /**
   * Reads {@code file} and tokenizes its lines with {@code tokenizer}.
   *
   * @throws IOException when the file cannot be read
   */
  public static StopWordList read(Path file, Tokenizer tokenizer) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return of(file.toString(), bytes, tokenizer);
  }

  /** The list of a file named {@code file} whose content is {@code bytes}. */
  public static StopWordList of(String file, byte[] bytes, Tokenizer tokenizer) {
    TreeSet<String> words = new TreeSet<>();
    // Malformed UTF-8 becomes U+FFFD, as it does in the input lines (README, "Input that is not
    // clean text"), so a stop word matches the word the counting sees.
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      tokenizer.forEachWord(line, words::add);
    }
    return new StopWordList(file, Digests.sha256(bytes), new ArrayList<>(words));
  }

  /** The words as a new set, for a per-word membership test in a closure. */
  public Set<String> lookup() {
    return new HashSet<>(words);
  }

  /** True when there are stop words to remove (a file of blank lines has none). */
  public boolean isActive() {
    return file != null;
  }

  /**
   * What the checkpoint settings record writes for {@code --stopwords}: the file and its content
   * hash, e.g. {@code conf/stop.txt sha256:9f86d0...}.
   */
  public String recorded() {
    return file == null ? "none" : file + " sha256:" + sha256;
  }
}
