package dstream.wordcount.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSE fan-out: a slow page is dropped, never waited for; closing ends every page. */
@Timeout(30)
class EventHubTest {
  @Test
  void aClientThatFallsBehindIsDroppedAndTheOthersKeepGettingEvents() throws Exception {
    EventHub hub = new EventHub(2, 4);
    EventHub.Client stuck = hub.join();
    EventHub.Client reading = hub.join();
    long start = System.nanoTime();
    for (int i = 1; i <= 1000; i++) {
      hub.publish("snapshot", "{\"seq\":" + i + "}");
      assertEquals("event: snapshot\ndata: {\"seq\":" + i + "}\n\n", reading.next(1000));
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 5000, "publishing waited for the stuck client: " + ms + " ms");
    assertFalse(stuck.isOpen());
    assertEquals(1, hub.dropped());
    assertEquals(1, hub.clients());
    // The stuck page still gets what it had queued, then its stream ends.
    assertEquals("event: snapshot\ndata: {\"seq\":1}\n\n", stuck.next(100));
    assertEquals("event: snapshot\ndata: {\"seq\":2}\n\n", stuck.next(100));
    assertNull(stuck.next(100));
  }

  @Test
  void clientsAreBoundedAndClosingEndsThem() throws Exception {
    EventHub hub = new EventHub(2, 1);
    EventHub.Client one = hub.join();
    assertNull(hub.join(), "a second page over the limit");
    hub.publish("snapshot", "{\"status\":\"stopped\"}");
    hub.close();
    assertEquals("event: snapshot\ndata: {\"status\":\"stopped\"}\n\n", one.next(100));
    assertNull(one.next(100));
    assertNull(hub.join(), "no page joins a closed hub");
  }
}
