package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The structured engine's settings of a run's session, each overridden by a {@code spark.*} key
 * of the conf file. Set on the session, not the SparkConf, so that runs sharing a SparkContext
 * (tests, the benchmark) each get their own.
 */
final class SessionSettings {
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final String STATE_STORE = "spark.sql.streaming.stateStore.providerClass";
  static final String CHANGELOG =
      "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled";
  /** The provider classes of {@code --state-store}. */
  static final Map<String, String> PROVIDERS = Map.of(
      "rocksdb", "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
      "hdfs", "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");

  private SessionSettings() {}

  /**
   * Applies the settings to {@code spark}.
   * <ul>
   *   <li>Spark SQL's 200 shuffle partitions are 200 tasks per micro-batch for a handful of
   *       cores: like the DStream engine's counting, one partition per default-parallelism slot.
   *       A stateful query keeps the number it started with (it is in its checkpoint).
   *   <li>The state store of {@code --state-store}: RocksDB by default, measured in
   *       docs/performance.md as fast as the HDFS-backed store with 10k words in state and more
   *       than twice as fast with 1M, since the HDFS store keeps every version of the state in
   *       the JVM heap.
   *   <li>RocksDB's changelog checkpointing: each micro-batch writes only the changed keys, not a
   *       new snapshot of the store (snapshots then come from Spark's maintenance thread). It
   *       took a one-line stateful micro-batch's state commit from about 220 to 20 ms here
   *       (docs/performance.md); a checkpoint written without it recovers with it and back.
   * </ul>
   */
  static void apply(SparkSession spark, Options o) {
    Map<String, String> conf = o.sparkConf();
    if (!conf.containsKey(SHUFFLE_PARTITIONS)) {
      spark.conf().set(SHUFFLE_PARTITIONS,
          Integer.toString(Math.max(1, spark.sparkContext().defaultParallelism())));
    }
    if (!conf.containsKey(STATE_STORE) || o.isGiven(Options.STATE_STORE.name())) {
      spark.conf().set(STATE_STORE, PROVIDERS.get(o.stateStore()));
    }
    if (!conf.containsKey(CHANGELOG)) {
      spark.conf().set(CHANGELOG, "true");
    }
  }
}
