package dstream.wordcount.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The build under test and the project's other Spark line: the profile of each set
 * {@code wordcount.spark.line} (4.2 or 3.5) and {@code wordcount.build.dir} for the tests. The other
 * line's application jar is built on demand with Maven, as a user would ({@code mvn [-Pspark-3.5]
 * package}), into that line's own folder, so this build is left alone.
 */
public final class SparkBuilds {
  /** The line this suite runs on. */
  public static final String LINE = System.getProperty("wordcount.spark.line", "4.2");
  /** The Spark version of this line, e.g. 4.2.0. */
  public static final String VERSION = System.getProperty("wordcount.spark.version", "4.2.0");
  /** The other line, whose jar this one must refuse. */
  public static final String OTHER = LINE.equals("4.2") ? "3.5" : "4.2";
  /** This build's output folder (target/ or target/spark-3.5). */
  public static final Path BUILD_DIR = Path.of(System.getProperty("wordcount.build.dir",
      Launcher.HOME.resolve("target").toString()));

  private SparkBuilds() {}

  /** The output folder of {@code line}'s build. */
  public static Path buildDir(String line) {
    return line.equals("4.2") ? Launcher.HOME.resolve("target") : Launcher.HOME.resolve("target/spark-" + line);
  }

  /** This build's application jar (built by {@code package} before the integration tests). */
  public static Path appJar() throws IOException {
    return find(buildDir(LINE), LINE);
  }

  /** The other line's application jar, built first if missing (a few minutes at most). */
  public static synchronized Path otherAppJar() throws IOException, InterruptedException {
    Path dir = buildDir(OTHER);
    if (!Files.isDirectory(dir) || !hasJar(dir, OTHER) || stale(find(dir, OTHER))) {
      List<String> mvn = new ArrayList<>(List.of("mvn", "-q", "-B", "-Dmaven.test.skip=true"));
      if (!OTHER.equals("4.2")) {
        mvn.add("-Pspark-" + OTHER);
      }
      mvn.add("package");
      Path log = Files.createTempFile("other-line-build-", ".log");
      Process p = new ProcessBuilder(mvn).directory(Launcher.HOME.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(8, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("building the Spark " + OTHER + " jar took over 8 minutes");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("building the Spark " + OTHER + " jar failed:\n" + Files.readString(log));
      }
    }
    return find(dir, OTHER);
  }

  /** The Spark version the other line's build is for (from its build.properties; build it first). */
  public static String otherVersion() throws IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newInputStream(
        buildDir(OTHER).resolve("classes/dstream/wordcount/build.properties"))) {
      p.load(in);
    }
    return p.getProperty("spark.version");
  }

  /** The environment that makes the bin/ scripts use {@code line}'s build. */
  public static Map<String, String> env(String line) {
    return Map.of("WORDCOUNT_SPARK", line);
  }

  /** The module flags of this JVM (Spark's list for this line, from the pom), for JVMs the test starts. */
  public static List<String> jvmFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
            || a.startsWith("-Dio.netty.") || a.startsWith("-Djdk.reflect."))
        .toList();
  }

  /** True when pom.xml or a main source is newer than {@code jar} (what bin/common.sh checks too). */
  private static boolean stale(Path jar) throws IOException {
    long built = Files.getLastModifiedTime(jar).toMillis();
    if (Files.getLastModifiedTime(Launcher.HOME.resolve("pom.xml")).toMillis() > built) {
      return true;
    }
    try (Stream<Path> files = Files.walk(Launcher.HOME.resolve("src/main"))) {
      return files.anyMatch(f -> {
        try {
          return Files.getLastModifiedTime(f).toMillis() > built;
        } catch (IOException e) {
          return true;
        }
      });
    }
  }

  private static boolean hasJar(Path dir, String line) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith("-spark" + line + ".jar"));
    }
  }

  private static Path find(Path dir, String line) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("dstream-wordcount-.*-spark"
          + line.replace(".", "\\.") + "\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no Spark " + line + " application jar in " + dir));
    }
  }
}
