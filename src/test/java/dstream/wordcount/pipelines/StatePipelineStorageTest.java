package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.cli.Options;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.SharedSpark;
import java.util.LinkedList;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code state} pipeline keeps mapWithState's state deserialized even though it sets a
 * checkpoint interval (which would otherwise switch it to MEMORY_ONLY_SER and make every batch
 * cost in proportion to the whole state; see README, Performance). Builds the graph only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
class StatePipelineStorageTest {
  @Test
  void stateStreamStaysMemoryOnlyWithACheckpointInterval() throws Exception {
    try (SharedSpark spark = new SharedSpark("StatePipelineStorageTest")) {
      Options o = Job.parse(new String[] {"--pipeline", "state", "--batch", "200ms",
          "--checkpoint-interval", "1s", "--idle-timeout", "2s"}, null).options();
      JavaStreamingContext ssc = spark.create(o);
      try {
        PipelineOutput out = new StatePipeline().build(
            ssc.queueStream(new LinkedList<JavaRDD<String>>()), o);
        DStream<?> state = findState(out.lines().dstream());
        assertEquals(StorageLevel.MEMORY_ONLY(), state.storageLevel());
        assertEquals(1000L, state.checkpointDuration().milliseconds(), "the interval still applies");
      } finally {
        ssc.stop(false);
      }
    }
  }

  /** The stream below the mapped stream of mapWithState: Spark's internal state stream. */
  private static DStream<?> findState(DStream<?> d) {
    while (d != null) {
      if (d.getClass().getSimpleName().equals("MapWithStateDStreamImpl")) {
        return d.dependencies().head();
      }
      d = d.dependencies().isEmpty() ? null : d.dependencies().head();
    }
    throw new AssertionError("no mapWithState stream in the graph");
  }
}
