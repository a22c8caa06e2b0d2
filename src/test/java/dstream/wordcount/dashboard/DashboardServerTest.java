package dstream.wordcount.dashboard;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.outputs.DashboardOutput;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Launcher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard's HTTP server without Spark: the JSON endpoints serve exactly the state's JSON,
 * the page and uPlot come from the classpath (the webjar), {@code /events} streams snapshots, and
 * the usage errors of its options are one line and exit 2 before Spark starts.
 */
@Timeout(60)
class DashboardServerTest {
  private static final long T0 = 1796150000000L;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static JobInfo windowJob() {
    return new JobInfo("replay", "window", "counts", 200, 600, 200, -1, null, T0);
  }

  private HttpResponse<String> get(Dashboard d, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(d.url() + path.substring(1)))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void endpointsServeTheStateAndThePage() throws Exception {
    try (Dashboard d = Dashboard.start(DashboardSettings.of("127.0.0.1", 0), windowJob())) {
      assertEquals("http://127.0.0.1:" + d.port() + "/", d.url());
      d.state().add(Result.counts(T0, List.of(new WordCount("a", 1), new WordCount("b", 1))));
      d.state().add(Result.counts(T0 + 200, List.of(new WordCount("a", 2), new WordCount("b", 1))));
      HttpResponse<String> latest = get(d, "/api/latest");
      assertEquals(200, latest.statusCode());
      assertEquals("application/json", latest.headers().firstValue("Content-Type").orElse(""));
      assertEquals("{\"pipeline\":\"window\",\"batchTime\":1796150000200,\"counts\":["
          + "{\"word\":\"a\",\"count\":2},{\"word\":\"b\",\"count\":1}]}", latest.body());
      assertEquals("{\"pipeline\":\"window\",\"results\":[{\"batchTime\":1796150000200,\"counts\":["
          + "{\"word\":\"a\",\"count\":2},{\"word\":\"b\",\"count\":1}]}],\"batches\":[]}",
          get(d, "/api/history?last=1").body());
      assertEquals(d.state().historyJson(60), get(d, "/api/history").body());
      HttpResponse<String> bad = get(d, "/api/history?last=0");
      assertEquals(400, bad.statusCode());
      assertEquals("{\"error\":\"last must be a whole number from 1 to 60\"}", bad.body());
      assertEquals(400, get(d, "/api/history?last=many").statusCode());

      HttpResponse<String> page = get(d, "/");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<script src=\"vendor/uPlot.iife.min.js\"></script>"));
      HttpResponse<String> uplot = get(d, "/vendor/uPlot.iife.min.js");
      assertEquals(200, uplot.statusCode());
      assertTrue(uplot.body().contains("uPlot"), "the webjar's uPlot");
      assertEquals(200, get(d, "/vendor/uPlot.min.css").statusCode());
      assertEquals(200, get(d, "/app.js").statusCode());
      assertEquals(200, get(d, "/app.css").statusCode());
      assertEquals(404, get(d, "/etc/passwd").statusCode());
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(d.url() + "api/latest"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }

  @Test
  void eventsStreamASnapshotAtOnceThenEveryChangeThenTheStop() throws Exception {
    Dashboard d = Dashboard.start(DashboardSettings.of("127.0.0.1", 0), windowJob());
    try {
      HttpResponse<java.io.InputStream> events = http.send(
          HttpRequest.newBuilder(URI.create(d.url() + "events")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertEquals("text/event-stream; charset=utf-8",
          events.headers().firstValue("Content-Type").orElse(""));
      BufferedReader in = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8));
      assertEquals("retry: 2000", in.readLine());
      assertEquals("", in.readLine());
      assertEquals("event: snapshot", in.readLine());
      assertTrue(in.readLine().startsWith("data: {\"seq\":0,\"job\":{\"source\":\"replay\",\"pipeline\":\"window\""));
      assertEquals("", in.readLine());
      d.state().add(Result.counts(T0, List.of(new WordCount("a", 1))));
      assertEquals("event: snapshot", in.readLine());
      String data = in.readLine();
      assertTrue(data.contains("\"latest\":{\"pipeline\":\"window\",\"batchTime\":1796150000000,"
          + "\"counts\":[{\"word\":\"a\",\"count\":1}]}"), data);
      assertEquals("", in.readLine());
      d.close();
      assertEquals("event: snapshot", in.readLine());
      assertTrue(in.readLine().contains("\"status\":\"stopped\""));
      assertEquals("", in.readLine());
      assertNull(in.readLine(), "the stream ends once the job stopped");
    } finally {
      d.close();
    }
  }

  @Test
  void portProblemsAreUsageErrorsBeforeSpark() throws Exception {
    assertUsage("--dashboard-port 80 is a privileged port (below 1024); choose one from 1024 to"
        + " 65535, or 0 for a free one", "--dashboard", "--dashboard-port", "80");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertUsage("--dashboard-port " + port + ": 127.0.0.1:" + port + " is already in use; choose"
          + " another port, or 0 for a free one", "--dashboard", "--dashboard-port", "" + port);
    }
    assertUsage("--dashboard-port must be between 0 and 65535 (got 70000)",
        "--dashboard", "--dashboard-port", "70000");
    assertUsage("--dashboard-port only applies with --dashboard; add --dashboard",
        "--dashboard-port", "" + Launcher.freePort());
    assertUsage("--dashboard-host only applies with --dashboard; add --dashboard",
        "--dashboard-host", "0.0.0.0");
    assertUsage("--dashboard-host no.such.host.invalid: unknown host; give an address of this"
        + " machine, e.g. 127.0.0.1 (the default) or 0.0.0.0 for every interface",
        "--dashboard", "--dashboard-host", "no.such.host.invalid");
  }

  @Test
  void offByDefault() throws Exception {
    assertNull(Job.parse().settings(DashboardOutput.class).dashboard());
    DashboardSettings on = Job.parse("--dashboard").settings(DashboardOutput.class).dashboard();
    assertEquals(new DashboardSettings("127.0.0.1", 4050, 60, 15, 50), on);
  }
}
