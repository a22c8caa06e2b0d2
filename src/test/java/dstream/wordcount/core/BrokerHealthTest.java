package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerHealthTest {
  private final BrokerHealth health = new BrokerHealth("b:9092", List.of("words", "logs"), "g",
      3_000, 0);

  @Test
  void anOutageIsSaidOnceAfterItsGraceAndItsEndOnce() {
    assertNull(health.noAnswer(2_999));
    assertEquals("kafka source: no broker at b:9092 has answered for 3 s; batches wait for one"
        + " (the records stay in Kafka: nothing is lost) and go on when it is back",
        health.noAnswer(3_000));
    assertNull(health.noAnswer(60_000));
    assertEquals("kafka source: the brokers at b:9092 answer again after 93 s away; batches go on"
        + " from the last processed offsets", health.answered(93_000));
    assertNull(health.answered(94_000));
  }

  @Test
  void aShortOutageIsNotSaid() {
    assertNull(health.noAnswer(2_000));
    assertNull(health.answered(2_500));
    assertNull(health.noAnswer(5_000)); // 2.5 s since the last answer
  }

  @Test
  void aTopicMissingFromTwoAnswersInARowIsGone() {
    assertNull(health.gone(Set.of("words", "logs")));
    assertNull(health.gone(Set.of("words")));
    assertNull(health.gone(Set.of("words", "logs")), "back in the next answer: a broker catching up");
    assertNull(health.gone(Set.of("words")));
    assertEquals("kafka source: topic 'logs' no longer exists at b:9092 (deleted while the job"
        + " ran); the job stops, the offsets of the batches it processed committed for group g",
        health.gone(Set.of("words", "other")));
  }
}
