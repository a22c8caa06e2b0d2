package dstream.wordcount.sources;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import java.io.IOException;

/**
 * A source of text lines, selected by its CLI name through {@link Sources}. Checking options and
 * acquiring resources ({@link #open}) is kept apart from creating the DStream so that usage errors
 * surface before Spark starts, and so the stream can be created inside a checkpoint factory.
 */
public interface Source {
  /** The {@code --source} name. */
  String name();

  /** One line for {@code --help} and the README. */
  String description();

  /** True when the source runs a receiver, which permanently occupies one core. */
  boolean usesReceiver();

  /** Checks the options this source relies on. */
  void validate(Options options) throws UsageException;

  /**
   * Acquires what the source needs before the streaming context exists (reads the replay file,
   * starts the demo server). Problems a user can fix are {@link UsageException}s.
   */
  OpenSource open(Options options) throws UsageException, IOException;
}
