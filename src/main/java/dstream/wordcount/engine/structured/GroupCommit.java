package dstream.wordcount.engine.structured;

import dstream.wordcount.core.KafkaOffsetsJson;
import dstream.wordcount.sources.KafkaAdmin;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a micro-batch's end offsets to the consumer group, through the run's admin client.
 * Runs on the driver, after the batch's outputs succeeded.
 */
final class GroupCommit implements StreamInput.AfterBatch {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStream.class);
  private final Admin admin;
  private final String groupId;
  private final String brokers;
  private SortedMap<String, SortedMap<Integer, Long>> lastCommitted;
  /** The failure last warned about, so a broker that stays away draws one warning, not one per batch. */
  private String problem;

  GroupCommit(Admin admin, String groupId, String brokers) {
    this.admin = admin;
    this.groupId = groupId;
    this.brokers = brokers;
  }

  @Override
  public synchronized void done(long batchId, String sourceOffsets) {
    SortedMap<String, SortedMap<Integer, Long>> end = KafkaOffsetsJson.parse(sourceOffsets);
    if (end.equals(lastCommitted)) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    end.forEach((topic, partitions) -> partitions.forEach((p, offset) -> offsets.put(
        new TopicPartition(topic, p), new OffsetAndMetadata(offset))));
    try {
      KafkaAdmin.await(admin.alterConsumerGroupOffsets(groupId, offsets).all(), brokers);
    } catch (IOException e) {
      String why = describe(e);
      if (!why.equals(problem)) {
        LOG.warn("batch {}: offsets not committed to group {} ({}); a job without this query's "
            + "checkpoint would read them again", batchId, groupId, why);
      }
      problem = why;
      return;
    }
    if (problem != null) {
      LOG.info("batch {}: offsets committed to group {} again", batchId, groupId);
      problem = null;
    }
    lastCommitted = end;
    LOG.debug("batch {}: committed to group {}: {}", batchId, groupId, sourceOffsets);
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
