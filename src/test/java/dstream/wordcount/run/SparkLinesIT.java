package dstream.wordcount.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.SparkBuilds;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Spark lines refuse each other's artifacts with one line and exit code 2, never a stack
 * trace: the other line's application jar submitted with this line's Spark (spark-submit's own
 * class, on this build's Spark classpath), and a checkpoint written by one line restarted with the
 * other, both ways, through the real {@code bin/run-wordcount} of each build. The other line's
 * build is made first if missing ({@code mvn [-Pspark-3.5] package}).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class SparkLinesIT {
  private static final long JOB_LIMIT_S = 240;

  @TempDir static Path tmp;

  private static Path otherJar;
  private static String otherVersion;

  @BeforeAll
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  static void buildTheOtherLine() throws Exception {
    otherJar = SparkBuilds.otherAppJar();
    otherVersion = SparkBuilds.otherVersion();
  }

  @Test
  void theOtherLinesJarIsRefusedBySparkSubmitOfThisLine() throws Exception {
    Path input = Files.write(tmp.resolve("in.txt"), List.of("spark streaming"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SparkBuilds.jvmFlags());
    command.addAll(List.of("-Xmx512m", "-cp",
        Files.readString(SparkBuilds.BUILD_DIR.resolve("spark-classpath.txt")).strip(),
        "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--class", "dstream.wordcount.Main", otherJar.toString(),
        "--source", "replay", "--input", input.toString()));
    Path err = tmp.resolve("submit.err");
    Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve("submit.out").toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(JOB_LIMIT_S, TimeUnit.SECONDS), "spark-submit did not end");
    } finally {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err);
    assertEquals(2, p.exitValue(), stderr);
    String jar = otherJar.getFileName().toString();
    String mine = SparkBuilds.appJar().getFileName().toString();
    String build = SparkBuilds.LINE.equals("4.2") ? "mvn package" : "mvn -Pspark-" + SparkBuilds.LINE + " package";
    assertEquals(List.of("run-wordcount: " + jar + " is built for Spark " + SparkBuilds.OTHER
        + ", but Spark " + SparkBuilds.VERSION + " runs it: use " + mine + " (" + build
        + "; bin/run-wordcount picks it with WORDCOUNT_SPARK=" + SparkBuilds.LINE + ")"),
        stderr.lines().filter(l -> l.startsWith("run-wordcount: " + jar)).toList());
    assertFalse(stderr.contains("Exception") || stderr.contains("Error:"), stderr);
  }

  @Test
  void aCheckpointOfOneLineIsRefusedByTheOtherBothWays() throws Exception {
    refusedAcross(SparkBuilds.LINE, SparkBuilds.VERSION, SparkBuilds.OTHER, otherVersion);
    refusedAcross(SparkBuilds.OTHER, otherVersion, SparkBuilds.LINE, SparkBuilds.VERSION);
  }

  /** A cumulative job of {@code writer} checkpoints to a directory; {@code reader} is refused it. */
  private static void refusedAcross(String writer, String writerVersion, String reader,
      String readerVersion) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in-" + writer));
    Path checkpoint = tmp.resolve("checkpoint-by-" + writer);
    String[] args = {"--source", "files", "--dir", in.toString(), "--pipeline", "cumulative",
        "--batch", "500ms", "--checkpoint", checkpoint.toString(), "--no-print"};
    try (Launcher.Run first = Launcher.start(tmp, SparkBuilds.env(writer), "run-wordcount",
        concat(args, "--duration", "3s"))) {
      assertEquals(0, first.await(JOB_LIMIT_S), first.err());
    }
    try (Stream<Path> files = Files.list(checkpoint)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-")),
          "Spark " + writer + " wrote a checkpoint in " + checkpoint);
    }
    try (Launcher.Run again = Launcher.start(tmp, SparkBuilds.env(reader), "run-wordcount",
        concat(args, "--duration", "3s"))) {
      assertEquals(2, again.await(JOB_LIMIT_S), again.err());
      String jar = "dstream-wordcount-" + jarVersion() + "-spark" + writer + ".jar";
      assertEquals(List.of("run-wordcount: --checkpoint " + checkpoint + " was written by Spark "
          + writerVersion + ", but this run is on Spark " + readerVersion + " (a checkpoint is"
          + " readable by its own Spark line only): restart it with the Spark " + writer
          + " build (WORDCOUNT_SPARK=" + writer + " bin/run-wordcount, or spark-submit " + jar
          + "), or pass a new --checkpoint directory to start afresh"),
          again.err().lines().filter(l -> l.startsWith("run-wordcount: --checkpoint")).toList());
      assertFalse(again.err().contains("Exception"), again.err());
    }
  }

  /** The project version in the jar names, e.g. 0.1.0. */
  private static String jarVersion() {
    String name = otherJar.getFileName().toString();
    return name.substring("dstream-wordcount-".length(), name.lastIndexOf("-spark"));
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }
}
