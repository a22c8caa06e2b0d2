package dstream.wordcount.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads what {@code saveAsTextFiles(prefix, "txt")} wrote: batch time to the batch's lines. */
public final class OutputFiles {
  private OutputFiles() {}

  /** Every {@code prefix-<ms>.txt} directory, by batch time; lines of its part files in order. */
  public static SortedMap<Long, List<String>> read(Path prefix) {
    SortedMap<Long, List<String>> batches = new TreeMap<>();
    batchDirs(prefix).forEach((time, dir) -> batches.put(time, lines(dir)));
    return batches;
  }

  /**
   * Every {@code prefix-<ms>.txt} directory, by batch time, unread: a reader of large outputs
   * takes one batch at a time ({@link #lines}).
   */
  public static SortedMap<Long, Path> batchDirs(Path prefix) {
    Path dir = prefix.toAbsolutePath().getParent();
    String base = prefix.getFileName().toString() + "-";
    SortedMap<Long, Path> batches = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return batches;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && name.startsWith(base) && name.endsWith(".txt")) {
          batches.put(Long.parseLong(name.substring(base.length(), name.length() - 4)), p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return batches;
  }

  /** All lines of all batches, in batch order. */
  public static List<String> allLines(Path prefix) {
    List<String> all = new ArrayList<>();
    read(prefix).values().forEach(all::addAll);
    return all;
  }

  /** The lines of one batch directory's part files, in order. */
  public static List<String> lines(Path batchDir) {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(batchDir)) {
      for (Path part : (Iterable<Path>) parts.sorted()::iterator) {
        if (part.getFileName().toString().startsWith("part-")) {
          lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
