package dstream.wordcount.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Everything the page shows, bounded: the last {@link DashboardSettings#history()} results and
 * batch timings, the last alerts and grep lines, the job's description and whether it still runs.
 * Every change is published to the {@link EventHub} as one full snapshot, so a page that connects,
 * reconnects or was dropped is whole again after one event. Thread-safe: results arrive on Spark's
 * job thread, timings on its listener bus, requests on the server's threads.
 */
public final class DashboardState {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Alerts listed on the page. */
  static final int ALERTS_KEPT = 20;

  private final JobInfo job;
  private final DashboardSettings settings;
  private final EventHub hub;
  private final ArrayDeque<Result> results = new ArrayDeque<>();
  private final ArrayDeque<BatchTiming> timings = new ArrayDeque<>();
  private final ArrayDeque<ObjectNode> alerts = new ArrayDeque<>();
  private final ArrayDeque<ObjectNode> recentLines = new ArrayDeque<>();
  private String kind;
  private String sparkUi;
  private long stoppedMs = -1;
  private long seq;

  /** An empty state of {@code job}, publishing to {@code hub}. */
  public DashboardState(JobInfo job, DashboardSettings settings, EventHub hub) {
    this.job = job;
    this.settings = settings;
    this.hub = hub;
    this.kind = job.kind();
  }

  /**
   * Adds a result of {@code resultKind} (counts, totals, updates, numbers, lines or stats): the
   * Spark side learns the kind from the pipeline's output, so the page's view follows it.
   */
  public synchronized void add(String resultKind, Result r) {
    kind = resultKind;
    add(r);
  }

  /** Adds a batch's or window's result. */
  public synchronized void add(Result r) {
    results.addLast(r);
    trim(results, settings.history());
    if (r.isAlert()) {
      ObjectNode a = MAPPER.createObjectNode();
      a.put("batchTime", r.batchTime());
      a.set("value", r.fields().get("value"));
      alerts.addFirst(a);
      trim(alerts, ALERTS_KEPT);
    }
    for (int i = r.lines().size() - 1; i >= 0; i--) {
      ObjectNode l = MAPPER.createObjectNode();
      l.put("batchTime", r.batchTime());
      l.put("line", r.lines().get(i));
      recentLines.addFirst(l);
    }
    while (recentLines.size() > settings.recentLines()) {
      recentLines.removeLast();
    }
    changed();
  }

  /** Adds how a batch went. */
  public synchronized void add(BatchTiming t) {
    timings.addLast(t);
    trim(timings, settings.history());
    changed();
  }

  /** Records the Spark UI's address, which is known once the context runs. */
  public synchronized void sparkUi(String url) {
    sparkUi = url;
    changed();
  }

  /** The Spark UI's address, null until known. */
  public synchronized String sparkUi() {
    return sparkUi;
  }

  /** Records that the job stopped, and tells the pages. */
  public synchronized void stopped(long atMs) {
    if (stoppedMs < 0) {
      stoppedMs = atMs;
      changed();
    }
  }

  /** The alert threshold of the job, -1 when there is none. */
  public long alertAbove() {
    return job.alertAbove();
  }

  /** The most results {@code /api/history} can return. */
  public int historyLimit() {
    return settings.history();
  }

  /** True once {@link #stopped} was called. */
  public synchronized boolean isStopped() {
    return stoppedMs >= 0;
  }

  private static void trim(ArrayDeque<?> q, int max) {
    while (q.size() > max) {
      q.removeFirst();
    }
  }

  private void changed() {
    seq++;
    hub.publish("snapshot", snapshotJson());
  }

  /**
   * {@code /api/latest}: the newest result, e.g. {@code {"pipeline": "window", "batchTime":
   * 1796150000000, "counts": [{"word": "spark", "count": 12}]}}; {@code batchTime} null before
   * the first one.
   */
  public synchronized String latestJson() {
    return write(latest());
  }

  private ObjectNode latest() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("pipeline", job.pipeline());
    if (results.isEmpty()) {
      o.putNull("batchTime");
    } else {
      o.setAll(results.getLast().fields());
    }
    return o;
  }

  /**
   * {@code /api/history?last=N}: the last {@code last} results and batch timings, oldest first:
   * {@code {"pipeline": ..., "results": [...], "batches": [...]}}.
   */
  public synchronized String historyJson(int last) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("pipeline", job.pipeline());
    o.set("results", resultsArray(last));
    o.set("batches", timingsArray(last));
    return write(o);
  }

  /** What one SSE event carries: the job, the latest result, the history, alerts, grep lines. */
  public synchronized String snapshotJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("seq", seq);
    ObjectNode j = o.putObject("job");
    j.put("source", job.source());
    j.put("pipeline", job.pipeline());
    j.put("kind", kind);
    j.put("batchMs", job.batchMs());
    j.put("windowMs", job.windowMs());
    j.put("slideMs", job.slideMs());
    if (job.alertAbove() >= 0) {
      j.put("alertAbove", job.alertAbove());
    } else {
      j.putNull("alertAbove");
    }
    j.put("match", job.match());
    j.put("startedMs", job.startedMs());
    j.put("sparkUi", sparkUi);
    j.put("status", stoppedMs >= 0 ? "stopped" : "running");
    if (stoppedMs >= 0) {
      j.put("stoppedMs", stoppedMs);
    } else {
      j.putNull("stoppedMs");
    }
    j.put("topK", settings.topK());
    o.set("latest", latest());
    o.set("results", resultsArray(settings.history()));
    o.set("batches", timingsArray(settings.history()));
    ArrayNode a = o.putArray("alerts");
    alerts.forEach(a::add);
    ArrayNode l = o.putArray("recentLines");
    recentLines.forEach(l::add);
    return write(o);
  }

  private ArrayNode resultsArray(int last) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Iterator<Result> it = skip(results, last); it.hasNext(); ) {
      a.add(it.next().fields());
    }
    return a;
  }

  private ArrayNode timingsArray(int last) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Iterator<BatchTiming> it = skip(timings, last); it.hasNext(); ) {
      BatchTiming t = it.next();
      a.addObject()
          .put("batchTime", t.batchTime())
          .put("records", t.records())
          .put("processingMs", t.processingMs())
          .put("schedulingDelayMs", t.schedulingDelayMs());
    }
    return a;
  }

  private static <T> Iterator<T> skip(ArrayDeque<T> q, int last) {
    Iterator<T> it = q.iterator();
    for (int n = q.size() - Math.max(0, last); n > 0; n--) {
      it.next();
    }
    return it;
  }

  private static String write(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the dashboard's JSON", e);
    }
  }
}
