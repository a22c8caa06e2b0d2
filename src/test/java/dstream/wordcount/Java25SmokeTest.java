package dstream.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark 4.2 build on JDK 25: {@code bin/run-wordcount} with {@code JAVA_HOME} set to the JDK 25
 * beside 17 (system property {@code wordcount.jdk25}, default the Temurin 25 of this machine) runs
 * a replay job with exact counts, and its stderr holds no JVM warning (flags Spark 4.2 gives its
 * JVMs on JDK 24+, minus the open of a package JDK 24 removed; see bin/common.sh). Not part of the
 * spark-3.5 suite: Spark 3.5 supports Java 17 at most.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class Java25SmokeTest {
  private static final Path JDK25 = Path.of(
      System.getProperty("wordcount.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

  @TempDir Path tmp;

  @Test
  void replayCountsAreExactOnJdk25() throws Exception {
    assertTrue(Files.isExecutable(JDK25.resolve("bin/java")), "a JDK 25 at " + JDK25);
    Path input = Files.write(tmp.resolve("in.txt"), List.of(
        "spark streaming dstream", "spark spark streaming", "big data spark", "java twenty five"),
        StandardCharsets.UTF_8);
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("counts");
    try (Launcher.Run job = Launcher.start(tmp, Map.of("JAVA_HOME", JDK25.toString()),
        "run-wordcount", "--source", "replay", "--input", input.toString(),
        "--lines-per-batch", "2", "--batch", "500ms", "--pipeline", "count",
        "--output", out.toString(), "--no-print")) {
      assertEquals(0, job.await(180), job.err());
      assertTrue(job.err().contains("on Spark 4.2.0 (Scala 2.13.18, Java 25"), job.err());
      assertFalse(job.err().contains("WARNING"), job.err());
    }
    List<List<String>> batches = new ArrayList<>(OutputFiles.read(out).values());
    assertTrue(batches.size() >= 2, "both input batches: " + batches);
    assertEquals(Map.of("spark", 3L, "streaming", 2L, "dstream", 1L), Counts.parse(batches.get(0)));
    assertEquals(Map.of("big", 1L, "data", 1L, "spark", 1L, "java", 1L, "twenty", 1L, "five", 1L),
        Counts.parse(batches.get(1)));
  }
}
