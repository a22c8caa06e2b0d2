package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Spark line of a version, and the refusals when a build meets another line. */
class SparkLinesTest {
  private static final List<String> LINES = List.of("4.2", "3.5");
  private static final String JAR_42 = "dstream-wordcount-0.1.0-spark4.2.jar";
  private static final String JAR_35 = "dstream-wordcount-0.1.0-spark3.5.jar";

  @Test
  void lineIsMajorDotMinor() {
    assertEquals("4.2", SparkLines.lineOf("4.2.0"));
    assertEquals("3.5", SparkLines.lineOf("3.5.1"));
    assertEquals("4.1", SparkLines.lineOf("4.1.0-SNAPSHOT"));
    assertEquals("10.12", SparkLines.lineOf(" 10.12 "));
    assertNull(SparkLines.lineOf("(not set)"));
    assertNull(SparkLines.lineOf("4"));
    assertNull(SparkLines.lineOf(null));
  }

  @Test
  void sameLineRunsWhateverThePatchVersion() {
    assertNull(SparkLines.startRefusal("4.2", JAR_42, "4.2.0", LINES));
    assertNull(SparkLines.startRefusal("4.2", JAR_42, "4.2.3", LINES));
    assertNull(SparkLines.startRefusal("3.5", JAR_35, "3.5.1", LINES));
  }

  @Test
  void anotherBuiltLineNamesItsJarAndBuild() {
    assertEquals("dstream-wordcount-0.1.0-spark4.2.jar is built for Spark 4.2, but Spark 3.5.1 runs it:"
        + " use dstream-wordcount-0.1.0-spark3.5.jar (mvn -Pspark-3.5 package; bin/run-wordcount"
        + " picks it with WORDCOUNT_SPARK=3.5)",
        SparkLines.startRefusal("4.2", JAR_42, "3.5.1", LINES));
    assertEquals("dstream-wordcount-0.1.0-spark3.5.jar is built for Spark 3.5, but Spark 4.2.0 runs it:"
        + " use dstream-wordcount-0.1.0-spark4.2.jar (mvn package; bin/run-wordcount picks it with"
        + " WORDCOUNT_SPARK=4.2)",
        SparkLines.startRefusal("3.5", JAR_35, "4.2.0", LINES));
  }

  @Test
  void aLineWithoutBuildNamesTheLinesThereAre() {
    assertEquals("dstream-wordcount-0.1.0-spark4.2.jar is built for Spark 4.2, but Spark 4.1.1 runs it:"
        + " dstream-wordcount has no build for Spark 4.1; use dstream-wordcount-0.1.0-spark4.2.jar"
        + " on Spark 4.2 or dstream-wordcount-0.1.0-spark3.5.jar on Spark 3.5",
        SparkLines.startRefusal("4.2", JAR_42, "4.1.1", LINES));
  }

  @Test
  void checkpointOfAnotherLineIsRefusedBothWays() {
    assertEquals("--checkpoint /c was written by Spark 3.5.1, but this run is on Spark 4.2.0 (a"
        + " checkpoint is readable by its own Spark line only): restart it with the Spark 3.5 build"
        + " (WORDCOUNT_SPARK=3.5 bin/run-wordcount, or spark-submit"
        + " dstream-wordcount-0.1.0-spark3.5.jar), or pass a new --checkpoint directory to start"
        + " afresh",
        SparkLines.checkpointRefusal("/c", "3.5.1", "4.2.0", JAR_42, "4.2"));
    assertEquals("--checkpoint /c was written by Spark 4.2.0, but this run is on Spark 3.5.1 (a"
        + " checkpoint is readable by its own Spark line only): restart it with the Spark 4.2 build"
        + " (WORDCOUNT_SPARK=4.2 bin/run-wordcount, or spark-submit"
        + " dstream-wordcount-0.1.0-spark4.2.jar), or pass a new --checkpoint directory to start"
        + " afresh",
        SparkLines.checkpointRefusal("/c", "4.2.0", "3.5.1", JAR_35, "3.5"));
  }

  @Test
  void checkpointOfTheSameLineOrUnknownVersionIsLeftToTheSettingsRecord() {
    assertNull(SparkLines.checkpointRefusal("/c", "4.2.0", "4.2.1", JAR_42, "4.2"));
    assertNull(SparkLines.checkpointRefusal("/c", "(not set)", "4.2.0", JAR_42, "4.2"));
  }
}
