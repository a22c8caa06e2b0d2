package dstream.wordcount.engine.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dstream.wordcount.cli.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RateCeiling} alone, and the two ceilings built on it: the kafka source's records per
 * trigger and the tail source's lines per micro-batch. Plain arithmetic, no Spark.
 */
class RateCeilingTest {
  @Test
  void rateTimesPerTimesTheBatchAtLeastOneAndZeroForNone() throws Exception {
    String key = "spark.streaming.receiver.maxRate";
    assertEquals(50_000L * 2, RateCeiling.perTrigger(Map.of(), key, "lines per second", 1, 2000),
        "the project's default rate");
    assertEquals(30L, RateCeiling.perTrigger(Map.of(key, "10"), key, "lines", 3, 1000));
    assertEquals(1L, RateCeiling.perTrigger(Map.of(key, "1"), key, "lines", 1, 100));
    assertEquals(0L, RateCeiling.perTrigger(Map.of(key, "0"), key, "lines", 1, 1000));
    assertEquals(Long.MAX_VALUE,
        RateCeiling.perTrigger(Map.of(key, Long.toString(Long.MAX_VALUE)), key, "lines", 2, 1000));
    UsageException e = assertThrows(UsageException.class,
        () -> RateCeiling.perTrigger(Map.of(key, "fast"), key, "lines per second", 1, 1000));
    assertEquals("conf key spark.streaming.receiver.maxRate=fast: give a whole number of lines per"
        + " second, or 0 for no ceiling", e.getMessage());
  }

  @Test
  void theKafkaCeilingIsSetDirectlyOrFromThePartitionRate() throws Exception {
    assertEquals(25_000L * 3 / 2, KafkaStream.maxOffsetsPerTrigger(Map.of(), 3, 500));
    assertEquals(7L, KafkaStream.maxOffsetsPerTrigger(Map.of(KafkaStream.MAX_OFFSETS_KEY, "7",
        "spark.streaming.kafka.maxRatePerPartition", "100"), 2, 1000));
  }

  @Test
  void theTailCeilingIsTheReceiverRateTimesTheBatchOrAFixedBoundForNone() throws Exception {
    assertEquals(50_000L, TailStream.linesPerBatch(Map.of(), 1000));
    assertEquals(250L, TailStream.linesPerBatch(Map.of(TailStream.MAX_RATE_KEY, "100"), 2500));
    assertEquals(TailStream.UNBOUNDED_BATCH_LINES,
        TailStream.linesPerBatch(Map.of(TailStream.MAX_RATE_KEY, "0"), 1000));
  }
}
