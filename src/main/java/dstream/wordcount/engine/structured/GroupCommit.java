package dstream.wordcount.engine.structured;

import dstream.wordcount.core.KafkaOffsetsJson;
import dstream.wordcount.core.Periodic;
import dstream.wordcount.sources.KafkaAdmin;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a micro-batch's end offsets to the consumer group, through the run's admin client.
 * Runs on the driver, after the batch's outputs succeeded. A refused commit is tried again every
 * few seconds until it lands or a later batch's commit replaces it: a group keeps a killed
 * DStream job's consumer as a member until its session times out, refusing commits from outside
 * meanwhile, and an idle query runs no further batch to commit from.
 */
final class GroupCommit implements StreamInput.AfterBatch, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStream.class);
  private static final long RETRY_MS = 2_000;
  private final Admin admin;
  private final String groupId;
  private final String brokers;
  private final ScheduledExecutorService retries;
  private SortedMap<String, SortedMap<Integer, Long>> lastCommitted;
  /** The offsets of the last batch while its commit has not landed, else null. */
  private SortedMap<String, SortedMap<Integer, Long>> pending;
  private long pendingBatch;
  /** The failure last warned about, so a broker that stays away draws one warning, not one per batch. */
  private String problem;

  GroupCommit(Admin admin, String groupId, String brokers) {
    this.admin = admin;
    this.groupId = groupId;
    this.brokers = brokers;
    this.retries = Periodic.start("kafka-group-commit", RETRY_MS, RETRY_MS, this::commitPending);
  }

  @Override
  public synchronized void done(long batchId, String sourceOffsets) {
    SortedMap<String, SortedMap<Integer, Long>> end = KafkaOffsetsJson.parse(sourceOffsets);
    if (end.equals(lastCommitted)) {
      pending = null;
      return;
    }
    pending = end;
    pendingBatch = batchId;
    commitPending();
  }

  private synchronized void commitPending() {
    if (pending == null) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    pending.forEach((topic, partitions) -> partitions.forEach((p, offset) -> offsets.put(
        new TopicPartition(topic, p), new OffsetAndMetadata(offset))));
    try {
      KafkaAdmin.await(admin.alterConsumerGroupOffsets(groupId, offsets).all(), brokers);
    } catch (IOException e) {
      String why = describe(e);
      if (!why.equals(problem)) {
        LOG.warn("batch {}: offsets not committed to group {} ({}); tried again every {} s, "
            + "meanwhile a job without this query's checkpoint would read them again",
            pendingBatch, groupId, why, RETRY_MS / 1000);
      }
      problem = why;
      return;
    }
    if (problem != null) {
      LOG.info("batch {}: offsets committed to group {} again", pendingBatch, groupId);
      problem = null;
    }
    lastCommitted = pending;
    pending = null;
    LOG.debug("batch {}: committed to group {}: {}", pendingBatch, groupId, lastCommitted);
  }

  /** Stops the retries; the run's end closes the admin client after this. */
  @Override
  public void close() {
    retries.shutdownNow();
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.kafka.common.errors.UnknownMemberIdException
          || t instanceof org.apache.kafka.common.errors.GroupNotEmptyException) {
        return "the group has active members, e.g. a DStream job of the same --group-id, and "
            + "takes no commits from outside while they run";
      }
    }
    return e.getMessage();
  }
}
