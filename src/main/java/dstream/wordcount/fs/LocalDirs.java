package dstream.wordcount.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Local directories a run creates for itself and removes at its end. */
public final class LocalDirs {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDirs.class);

  private LocalDirs() {}

  /**
   * Removes {@code dir} and everything in it; a failure is only logged (at DEBUG), since what is
   * left is a temporary checkpoint nobody can recover from once its run is over.
   */
  public static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not remove {}", dir, e);
    }
  }
}
