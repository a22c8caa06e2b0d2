package dstream.wordcount.testing;

import dstream.wordcount.cli.Options;
import dstream.wordcount.engine.dstream.ContextFactory;
import dstream.wordcount.engine.structured.SessionFactory;
import dstream.wordcount.fs.LocalFiles;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local[2] SparkContext shared by every streaming context of a test class: starting Spark is
 * the slow part, and a stopped streaming context leaves its SparkContext reusable. A class
 * registers it as {@code @RegisterExtension static final SharedSpark spark = new SharedSpark();}:
 * the context starts before the class's tests (and its {@code @BeforeAll}) and stops after them.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class SharedSpark
    implements ContextFactory, AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private JavaSparkContext sc;

  /** Started by JUnit around the test class that registers it. */
  public SharedSpark() {}

  /** Started now, named {@code appName}; the caller closes it. */
  public SharedSpark(String appName) {
    start(appName);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start(context.getRequiredTestClass().getSimpleName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void start(String appName) {
    SparkConf conf = new SparkConf()
        .setMaster("local[2]")
        .setAppName(appName)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.sql.shuffle.partitions", "2");
    // The CLI's local file system (SparkConfs.sparkConf): the same checkpoint writes, no forks.
    LocalFiles.sparkSettings().forEach(conf::set);
    sc = new JavaSparkContext(conf);
  }

  public JavaSparkContext sparkContext() {
    return sc;
  }

  /**
   * Sessions of the structured engine on the same SparkContext: each run gets a new session (its
   * own SQL settings and queries), so both engines run in one JVM and one context per class.
   */
  public SessionFactory sessions() {
    return new SessionFactory() {
      @Override
      public SparkSession create(Options options) {
        SparkSession base = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        return base.newSession();
      }

      @Override
      public boolean ownsSession() {
        return false;
      }
    };
  }

  @Override
  public JavaStreamingContext create(Options options) {
    return new JavaStreamingContext(sc, Durations.milliseconds(options.batchMs()));
  }

  @Override
  public boolean ownsSparkContext() {
    return false;
  }

  @Override
  public void close() {
    if (sc != null) {
      sc.stop();
      sc = null;
    }
  }
}
