package dstream.wordcount.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.core.BatchStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's bounded history and its JSON, without Spark: the results of the replay input
 * {@code "a b", "a", "", "c"} through {@code window --window 600ms --slide 200ms --batch 200ms}
 * (the windows of {@code WindowedPipelinesTest}), the numbers and alerts of {@code errors}, grep
 * lines, stats and state updates, each as the exact text {@code /api/latest} and
 * {@code /api/history} serve.
 */
class DashboardStateTest {
  private static final long T0 = 1796150000000L;

  private static JobInfo job(String pipeline, String kind, long alertAbove) {
    return new JobInfo("replay", pipeline, kind, 200, 600, 200, alertAbove, null, T0);
  }

  private static DashboardState state(JobInfo job, int history) {
    return new DashboardState(job, new DashboardSettings("127.0.0.1", 0, history, 15, 3),
        new EventHub(4, 4));
  }

  private static WordCount wc(String word, long count) {
    return new WordCount(word, count);
  }

  @Test
  void latestIsEmptyBeforeTheFirstResult() {
    DashboardState s = state(job("window", "counts", -1), 3);
    assertEquals("{\"pipeline\":\"window\",\"batchTime\":null}", s.latestJson());
    assertEquals("{\"pipeline\":\"window\",\"results\":[],\"batches\":[]}", s.historyJson(3));
  }

  @Test
  void windowResultsOfAReplayKeepTheLastNOnly() {
    DashboardState s = state(job("window", "counts", -1), 3);
    s.add(Result.counts(T0, List.of(wc("a", 1), wc("b", 1))));
    s.add(Result.counts(T0 + 200, List.of(wc("a", 2), wc("b", 1))));
    s.add(Result.counts(T0 + 400, List.of(wc("a", 2), wc("b", 1))));
    s.add(Result.counts(T0 + 600, List.of(wc("a", 1), wc("c", 1))));
    s.add(new BatchTiming(T0 + 600, 1, 35, 2));
    assertEquals("{\"pipeline\":\"window\",\"batchTime\":1796150000600,\"counts\":["
        + "{\"word\":\"a\",\"count\":1},{\"word\":\"c\",\"count\":1}]}", s.latestJson());
    assertEquals("{\"pipeline\":\"window\",\"results\":["
        + "{\"batchTime\":1796150000400,\"counts\":[{\"word\":\"a\",\"count\":2},{\"word\":\"b\",\"count\":1}]},"
        + "{\"batchTime\":1796150000600,\"counts\":[{\"word\":\"a\",\"count\":1},{\"word\":\"c\",\"count\":1}]}],"
        + "\"batches\":[{\"batchTime\":1796150000600,\"records\":1,\"processingMs\":35,\"schedulingDelayMs\":2}]}",
        s.historyJson(2));
    // The history holds 3: the first window is gone.
    assertTrue(s.historyJson(3).startsWith(
        "{\"pipeline\":\"window\",\"results\":[{\"batchTime\":1796150000200,"), s.historyJson(3));
  }

  @Test
  void errorsWindowsAboveTheThresholdAreAlertsNewestFirst() {
    DashboardState s = state(job("errors", "numbers", 1), 60);
    s.add(Result.number(T0, 3, 1));
    s.add(Result.number(T0 + 400, 2, 1));
    s.add(Result.number(T0 + 800, 1, 1)); // not above 1: no alert
    assertEquals("{\"pipeline\":\"errors\",\"batchTime\":1796150000800,\"value\":1,\"alert\":false}",
        s.latestJson());
    String snap = s.snapshotJson();
    assertTrue(snap.contains("\"alerts\":[{\"batchTime\":1796150000400,\"value\":2},"
        + "{\"batchTime\":1796150000000,\"value\":3}]"), snap);
    assertTrue(snap.contains("\"alertAbove\":1"), snap);
  }

  @Test
  void grepLinesNewestFirstBounded() {
    DashboardState s = state(job("grep", "lines", -1), 60);
    s.add(Result.lines(T0, 2, List.of("ERROR one", "ERROR two")));
    s.add(Result.lines(T0 + 200, 2, List.of("ERROR three", "ERROR four")));
    assertEquals("{\"pipeline\":\"grep\",\"batchTime\":1796150000200,\"matched\":2,"
        + "\"lines\":[\"ERROR four\",\"ERROR three\"]}", s.latestJson());
    assertTrue(s.snapshotJson().contains("\"recentLines\":["
        + "{\"batchTime\":1796150000200,\"line\":\"ERROR four\"},"
        + "{\"batchTime\":1796150000200,\"line\":\"ERROR three\"},"
        + "{\"batchTime\":1796150000000,\"line\":\"ERROR two\"}]"), s.snapshotJson());
  }

  @Test
  void statsOfABatch() {
    DashboardState s = state(job("stats", "stats", -1), 60);
    BatchStats b = new BatchStats().withLines(3)
        .addWord("spark", 4).addWord("streaming", 2).addWord("big", 1).addWord("data", 1)
        .addWord("dstream", 1);
    s.add(Result.stats(T0, b));
    assertEquals("{\"pipeline\":\"stats\",\"batchTime\":1796150000000,\"lines\":3,\"words\":9,"
        + "\"distinct\":5,\"mean\":1.8,\"max\":4,\"maxWords\":[\"spark\"],\"min\":1,"
        + "\"minWords\":[\"big\",\"data\",\"dstream\"]}", s.latestJson());
  }

  @Test
  void stateChangesAndEvictions() {
    DashboardState s = state(job("state", "updates", -1), 60);
    s.add(Result.updates(T0, List.of(wc("spark", 5)), 1, List.of(wc("old", 2)), 1));
    assertEquals("{\"pipeline\":\"state\",\"batchTime\":1796150000000,"
        + "\"counts\":[{\"word\":\"spark\",\"count\":5}],\"changed\":1,"
        + "\"evicted\":[{\"word\":\"old\",\"count\":2}],\"evictions\":1}", s.latestJson());
  }

  @Test
  void snapshotSaysWhenTheJobStopped() {
    DashboardState s = state(job("window", "counts", -1), 60);
    assertTrue(s.snapshotJson().contains("\"status\":\"running\",\"stoppedMs\":null"));
    assertFalse(s.isStopped());
    s.stopped(T0 + 5000);
    s.stopped(T0 + 9000); // the first stop counts
    assertTrue(s.snapshotJson().contains("\"status\":\"stopped\",\"stoppedMs\":1796150005000"),
        s.snapshotJson());
  }

  @Test
  void everyChangeIsPublishedAsOneSnapshot() throws Exception {
    EventHub hub = new EventHub(8, 2);
    DashboardState s = new DashboardState(job("window", "counts", -1),
        DashboardSettings.of("127.0.0.1", 0), hub);
    EventHub.Client page = hub.join();
    s.add(Result.counts(T0, List.of(wc("a", 1))));
    s.add(new BatchTiming(T0, 1, 10, 0));
    String first = page.next(1000);
    assertTrue(first.startsWith("event: snapshot\ndata: {\"seq\":1,"), first);
    assertTrue(first.endsWith("}\n\n"), first);
    assertTrue(page.next(1000).startsWith("event: snapshot\ndata: {\"seq\":2,"));
    assertEquals("", page.next(50)); // nothing else: a keep-alive tick
  }
}
