package dstream.wordcount.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The messages one logger (and its children) writes at INFO and above while open, for tests that
 * check a log line users rely on (the batch line's skip count) or wait for one (a receiver has
 * started). The logger is raised to INFO into this capture only: the test configuration's
 * console level stays as it is.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final LoggerContext ctx;
  private final LoggerConfig config;
  private final WriterAppender appender;
  private final boolean own;
  private final Level level;
  private final boolean additive;

  private LogCapture(String logger) {
    ctx = (LoggerContext) LogManager.getContext(false);
    Configuration conf = ctx.getConfiguration();
    LoggerConfig found = conf.getLoggerConfig(logger);
    own = !found.getName().equals(logger);
    if (own) {
      // A logger of its own, so the capture changes nothing for its parent's other children.
      config = new LoggerConfig(logger, found.getLevel(), true);
      config.setParent(found);
      conf.addLogger(logger, config);
    } else {
      config = found;
    }
    level = config.getLevel();
    additive = config.isAdditive();
    appender = WriterAppender.newBuilder().setName("capture-" + logger + "-" + System.nanoTime())
        .setTarget(text).setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
    appender.start();
    config.addAppender(appender, Level.INFO, null);
    if (!config.getLevel().isLessSpecificThan(Level.INFO)) {
      // Raised for the capture; kept off the console where the configuration keeps it quiet.
      config.setLevel(Level.INFO);
      config.setAdditive(false);
    }
    ctx.updateLoggers();
  }

  /** Starts capturing {@code logger}, e.g. {@code dstream.wordcount.batches}. */
  public static LogCapture of(String logger) {
    return new LogCapture(logger);
  }

  /** What was logged so far, one message per line. */
  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    config.removeAppender(appender.getName());
    config.setLevel(level);
    config.setAdditive(additive);
    if (own) {
      ctx.getConfiguration().removeLogger(config.getName());
    }
    ctx.updateLoggers();
    appender.stop();
  }
}
