package dstream.wordcount.run;

import dstream.wordcount.core.SparkLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The Spark line this build is for ({@code build.properties}, written by Maven from the profile)
 * and the Spark that runs it. {@link #startRefusal} is the driver's first check, before any class
 * of the bundled Kafka connector loads.
 */
public final class SparkLine {
  private static final String BUILD_FILE = "/dstream/wordcount/build.properties";
  private static final Properties BUILD = load();

  private SparkLine() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = SparkLine.class.getResourceAsStream(BUILD_FILE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The line this build is for, e.g. {@code 4.2}; null when built without Maven's resources. */
  public static String built() {
    String line = BUILD.getProperty("spark.line");
    return line == null || line.startsWith("$") ? null : line;
  }

  /** The name of this build's application jar, e.g. {@code dstream-wordcount-0.1.0-spark4.2.jar}. */
  public static String appJar() {
    return BUILD.getProperty("app.jar", "dstream-wordcount-spark" + built() + ".jar");
  }

  /** The version of the Spark that runs this JVM, e.g. {@code 4.2.0}. */
  public static String running() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /** The lines this project builds for, the default first. */
  static List<String> lines() {
    return List.of(BUILD.getProperty("spark.lines", "4.2,3.5").split(","));
  }

  /** Why this build must not run on this Spark (one line), or null. */
  public static String startRefusal() {
    String built = built();
    return built == null ? null : SparkLines.startRefusal(built, appJar(), running(), lines());
  }

  /** Why a checkpoint written by Spark {@code writtenBy} must not be recovered here, or null. */
  static String checkpointRefusal(String dir, String writtenBy) {
    String built = built() == null ? SparkLines.lineOf(running()) : built();
    return SparkLines.checkpointRefusal(dir, writtenBy, running(), appJar(), built);
  }

  /** One line for the start banner and {@code --help}: which Spark runs, and the other builds. */
  public static String banner() {
    return "dstream-wordcount for Spark " + built() + " on Spark " + running() + " (Scala "
        + scala.util.Properties$.MODULE$.versionNumberString() + ", Java "
        + System.getProperty("java.version") + "); builds: Spark " + String.join(" and ", lines())
        + ", chosen with WORDCOUNT_SPARK (default " + lines().get(0) + ")";
  }
}
