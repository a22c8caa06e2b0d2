package dstream.wordcount.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.testing.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path checks on local disk and on a NameNode that is not there; the checks against a running
 * HDFS are in {@code HdfsTest}.
 */
class HadoopPathsTest {
  @TempDir Path tmp;

  @Test
  void existingDirectoryAcceptsLocalPathsAndFileUris() throws Exception {
    HadoopPaths.existingDirectory("dir", tmp.toString(), "the watched directory", Map.of());
    HadoopPaths.existingDirectory("dir", tmp.toUri().toString(), "the watched directory", Map.of());
  }

  @Test
  void missingDirectoryAndFileAreRefusedForLocalPathsAndFileUris() throws Exception {
    Path missing = tmp.resolve("missing");
    assertUsage("--dir " + missing + ": no such directory; create it first (mkdir -p " + missing + ")",
        () -> HadoopPaths.existingDirectory("dir", missing.toString(), "the watched directory", Map.of()));
    String uri = "file://" + missing;
    assertUsage("--dir " + uri + ": no such directory; create it first (mkdir -p " + missing + ")",
        () -> HadoopPaths.existingDirectory("dir", uri, "the watched directory", Map.of()));
    Path file = Files.writeString(tmp.resolve("f.txt"), "x");
    assertUsage("--dir " + file + " is not a directory; give the watched directory",
        () -> HadoopPaths.existingDirectory("dir", file.toString(), "the watched directory", Map.of()));
  }

  @Test
  void outputPrefixCreatesItsDirectory() throws Exception {
    Path prefix = tmp.resolve("a/b/wc");
    HadoopPaths.outputPrefix("output", "file://" + prefix, Map.of());
    assertTrue(Files.isDirectory(tmp.resolve("a/b")));
  }

  @Test
  void writableDirectoryCreatesItAndRefusesAFile() throws Exception {
    HadoopPaths.writableDirectory("checkpoint", tmp.resolve("ck/x").toString(), Map.of());
    assertTrue(Files.isDirectory(tmp.resolve("ck/x")));
    Path file = Files.writeString(tmp.resolve("ck/file"), "");
    assertUsage("--checkpoint " + file + " is a file; give a directory (it is created when missing)",
        () -> HadoopPaths.writableDirectory("checkpoint", file.toString(), Map.of()));
  }

  @Test
  void unreachableNameNodeAndUnknownSchemeAreUsageErrors() {
    int port = Launcher.freePort(); // nothing listens there
    String dir = "hdfs://127.0.0.1:" + port + "/in";
    long t0 = System.currentTimeMillis();
    assertUsage("--dir " + dir + ": cannot reach hdfs://127.0.0.1:" + port + " (connection refused); "
        + "start it (bin/hdfs-local start) or correct the host and port",
        () -> HadoopPaths.existingDirectory("dir", dir, "the watched directory", Map.of()));
    assertTrue(System.currentTimeMillis() - t0 < 5_000, "one attempt, not Hadoop's ten retries");
    assertUsage("--output nosuch://x/wc: no Hadoop file system for scheme 'nosuch'; use hdfs://, "
        + "file:// or a local path", () -> HadoopPaths.outputPrefix("output", "nosuch://x/wc", Map.of()));
  }

  private interface Check {
    void run() throws Exception;
  }

  private static void assertUsage(String expected, Check check) {
    UsageException e = assertThrows(UsageException.class, check::run);
    assertEquals(expected, e.getMessage());
  }
}
