package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;

/**
 * A pipeline with per-word state carried from batch to batch: it needs a checkpoint directory, and
 * its state is checkpointed every 5 batches unless {@code --checkpoint-interval} (a multiple of
 * {@code --batch}) says otherwise. A longer interval writes less but, after a failure, recomputes
 * more batches from their input.
 *
 * @param <S> the pipeline's settings record
 */
public abstract class StatefulPipeline<S extends StatefulPipeline.Stateful>
    extends PipelinePlugin<S> {
  /** Checkpoint the state every this many batches unless told otherwise. */
  static final int BATCHES_PER_CHECKPOINT = 5;

  /** A settings record with a checkpoint interval. */
  public interface Stateful {
    /** {@code --checkpoint-interval}, 0 for the default. */
    long checkpointIntervalMs();
  }

  protected StatefulPipeline(String name, ResultKind resultKind, String description,
      Parser<S> parser, OptionSpec... options) {
    super(name, resultKind, description, parser, options);
  }

  @Override
  public void validate(S settings, Options job) throws UsageException {
    long interval = settings.checkpointIntervalMs();
    if (interval > 0) {
      SlidingWindow.requireMultiple(
          PipelineOptions.CHECKPOINT_INTERVAL.name(), interval, "batch", job.batchMs());
    }
  }

  @Override
  public boolean needsCheckpoint() {
    return true;
  }

  Duration checkpointInterval(S settings, Options job) {
    long ms = settings.checkpointIntervalMs() > 0
        ? settings.checkpointIntervalMs() : BATCHES_PER_CHECKPOINT * job.batchMs();
    return Durations.milliseconds(ms);
  }
}
