package dstream.wordcount.sources;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import java.io.IOException;

/**
 * A source of text lines, selected by its CLI name through {@link Sources}. It declares its options
 * and reads them into its settings record {@code S}. Checking options and acquiring resources
 * ({@link #open}) is kept apart from creating the DStream so that usage errors surface before
 * Spark starts, and so the stream can be created inside a checkpoint factory.
 *
 * @param <S> the source's settings record
 */
public interface Source<S> extends Component<S> {
  /**
   * Whether a job on this source can be recovered from a checkpoint; when not, a non-empty
   * {@code --checkpoint} directory is refused.
   */
  default boolean recoverable() {
    return true;
  }

  /**
   * Acquires what the source needs before the streaming context exists (reads the replay file,
   * starts the demo server) and registers in {@code run} what its closures look up later. Problems
   * a user can fix are {@link UsageException}s.
   */
  OpenedSource open(S settings, Options job, RunState run) throws UsageException, IOException;
}
