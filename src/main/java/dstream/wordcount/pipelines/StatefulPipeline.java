package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;

/**
 * A pipeline with per-word state carried from batch to batch: it needs a checkpoint directory, and
 * its state is checkpointed every 5 batches unless {@code --checkpoint-interval} (a multiple of
 * {@code --batch}) says otherwise. A longer interval writes less but, after a failure, recomputes
 * more batches from their input.
 */
public abstract class StatefulPipeline implements Pipeline {
  /** Checkpoint the state every this many batches unless told otherwise. */
  static final int BATCHES_PER_CHECKPOINT = 5;

  @Override
  public void validate(Options o) throws UsageException {
    if (o.checkpointIntervalMs() > 0) {
      Windows.requireMultiple(OptionNames.CHECKPOINT_INTERVAL, o.checkpointIntervalMs(),
          OptionNames.BATCH, o.batchMs());
    }
  }

  @Override
  public boolean needsCheckpoint() {
    return true;
  }

  static Duration checkpointInterval(Options o) {
    long ms = o.checkpointIntervalMs() > 0
        ? o.checkpointIntervalMs() : BATCHES_PER_CHECKPOINT * o.batchMs();
    return Durations.milliseconds(ms);
  }
}
