package dstream.wordcount.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Adds files to a directory watched by the files source the way the README tells users to: write
 * the file in a staging directory on the same file system, then move it in atomically, so Spark
 * never lists a half-written file.
 */
public final class DropFiles {
  private final Path staging;
  private final Path watched;

  public DropFiles(Path staging, Path watched) throws IOException {
    this.staging = Files.createDirectories(staging);
    this.watched = Files.createDirectories(watched);
  }

  /** Writes {@code lines} to {@code name} in staging and moves it into the watched directory. */
  public Path drop(String name, List<String> lines) throws IOException {
    Path written = Files.write(staging.resolve(name), lines, StandardCharsets.UTF_8);
    return Files.move(written, watched.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
