package dstream.wordcount.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a running Kafka source says about its brokers, from regular looks at them. Without it the
 * driver's consumer waits in silence: batches stop while the brokers are away, and a deleted topic
 * stalls the job for good. An outage longer than {@code sayAfterMs} is said once, and its end
 * once; a topic missing from two answers in a row (one could come from a broker still catching
 * up) has been deleted, which ends the job.
 */
public final class BrokerHealth {
  private final String brokers;
  private final List<String> topics;
  private final String groupId;
  private final long sayAfterMs;
  private long lastAnswerMs;
  private boolean outageSaid;
  private List<String> missingBefore = List.of();

  /** The health of {@code brokers} serving {@code topics} to {@code groupId}, answering at {@code nowMs}. */
  public BrokerHealth(String brokers, List<String> topics, String groupId, long sayAfterMs,
      long nowMs) {
    this.brokers = brokers;
    this.topics = List.copyOf(topics);
    this.groupId = groupId;
    this.sayAfterMs = sayAfterMs;
    this.lastAnswerMs = nowMs;
  }

  /** A look at {@code nowMs} got no answer: the warning to log, once per outage, else null. */
  public String noAnswer(long nowMs) {
    if (outageSaid || nowMs - lastAnswerMs < sayAfterMs) {
      return null;
    }
    outageSaid = true;
    return "kafka source: no broker at " + brokers + " has answered for "
        + seconds(nowMs - lastAnswerMs) + "; batches wait for one (the records stay"
        + " in Kafka: nothing is lost) and go on when it is back";
  }

  /** A look at {@code nowMs} was answered: the line saying an outage that was said is over, else null. */
  public String answered(long nowMs) {
    String line = outageSaid ? "kafka source: the brokers at " + brokers + " answer again after "
        + seconds(nowMs - lastAnswerMs) + " away; batches go on from the last"
        + " processed offsets" : null;
    outageSaid = false;
    lastAnswerMs = nowMs;
    return line;
  }

  /**
   * The brokers listed {@code listed}: the line that fails the job when a topic of the source has
   * been missing from this answer and the one before, else null.
   */
  public String gone(Set<String> listed) {
    List<String> missing = new ArrayList<>();
    for (String t : topics) {
      if (!listed.contains(t)) {
        missing.add(t);
      }
    }
    List<String> twice = new ArrayList<>(missing);
    twice.retainAll(missingBefore);
    missingBefore = missing;
    if (twice.isEmpty()) {
      return null;
    }
    return "kafka source: topic '" + String.join("', '", twice) + "' no longer exists at "
        + brokers + " (deleted while the job ran); the job stops, the offsets of the batches it"
        + " processed committed for group " + groupId;
  }

  private static String seconds(long ms) {
    return ms / 1000 + " s";
  }
}
