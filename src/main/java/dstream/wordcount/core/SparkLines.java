package dstream.wordcount.core;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Spark line ({@code major.minor}) a build is for, and the one-line refusals when a build
 * meets another line: at start (the application jar bundles the Kafka connector of its line, so on
 * another line it would die of a {@code NoClassDefFoundError}) and on recovery (a checkpoint is
 * Java-serialized Spark classes of the line that wrote it). Plain Java, no Spark; the running
 * version is given by {@code run.SparkLine}.
 */
public final class SparkLines {
  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:[.\\-+].*)?");

  private SparkLines() {}

  /** {@code "4.2.0"}, {@code "3.5.1-SNAPSHOT"} to {@code "4.2"}, {@code "3.5"}; null when not a version. */
  public static String lineOf(String version) {
    if (version == null) {
      return null;
    }
    Matcher m = MAJOR_MINOR.matcher(version.strip());
    return m.matches() ? m.group(1) + "." + m.group(2) : null;
  }

  /** How to select the build of {@code line}: the launchers' switch, or the jar to submit. */
  public static String howToRun(String line, String appJar, String builtLine) {
    return "WORDCOUNT_SPARK=" + line + " bin/run-wordcount, or spark-submit "
        + jarFor(line, appJar, builtLine);
  }

  /** The name of the application jar of {@code line}, from this build's {@code appJar}. */
  public static String jarFor(String line, String appJar, String builtLine) {
    String suffix = "-spark" + builtLine + ".jar";
    return appJar.endsWith(suffix)
        ? appJar.substring(0, appJar.length() - suffix.length()) + "-spark" + line + ".jar"
        : "the jar built for Spark " + line;
  }

  /**
   * Why a build for {@code builtLine} must not run on Spark {@code running}, as one line naming
   * both versions and the jar to use instead; null when the lines match.
   *
   * @param lines the lines this project builds for, the default first (e.g. 4.2, 3.5)
   */
  public static String startRefusal(String builtLine, String appJar, String running,
      List<String> lines) {
    String runningLine = lineOf(running);
    if (builtLine.equals(runningLine)) {
      return null;
    }
    String start = appJar + " is built for Spark " + builtLine + ", but Spark " + running
        + " runs it: ";
    if (runningLine != null && lines.contains(runningLine)) {
      String build = runningLine.equals(lines.get(0))
          ? "mvn package" : "mvn -Pspark-" + runningLine + " package";
      return start + "use " + jarFor(runningLine, appJar, builtLine) + " (" + build
          + "; bin/run-wordcount picks it with WORDCOUNT_SPARK=" + runningLine + ")";
    }
    StringBuilder jars = new StringBuilder();
    for (String line : lines) {
      jars.append(jars.length() == 0 ? "" : " or ").append(jarFor(line, appJar, builtLine))
          .append(" on Spark ").append(line);
    }
    return start + "dstream-wordcount has no build for Spark " + runningLine + "; use " + jars;
  }

  /**
   * Why a checkpoint written by Spark {@code writtenBy} must not be recovered on Spark
   * {@code running}, naming both and both ways out; null unless the two are known, different lines.
   */
  public static String checkpointRefusal(String dir, String writtenBy, String running,
      String appJar, String builtLine) {
    String was = lineOf(writtenBy);
    String now = lineOf(running);
    if (was == null || now == null || was.equals(now)) {
      return null;
    }
    return "--checkpoint " + dir + " was written by Spark " + writtenBy + ", but this run is on Spark "
        + running + " (a checkpoint is readable by its own Spark line only): restart it with the Spark "
        + was + " build (" + howToRun(was, appJar, builtLine) + "), or pass a new --checkpoint"
        + " directory to start afresh";
  }
}
