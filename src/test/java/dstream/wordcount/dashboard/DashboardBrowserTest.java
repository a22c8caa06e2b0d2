package dstream.wordcount.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dstream.wordcount.core.WordCountOrder;
import dstream.wordcount.testing.HeadlessChromium;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.OutputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: {@code bin/run-wordcount --dashboard} replays a file through
 * {@code window} and {@code errors}, headless Chromium (installed by {@code bin/headless-chromium}
 * when missing) loads the page, and the test reads its DOM over the DevTools protocol. The table
 * must show exactly what the same run wrote to {@code --output} for that batch time, the page must
 * update at least twice without a reload, the console must stay free of errors, and once the job
 * ends the page must say so. Screenshots go to {@code target/}.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
  private static final long START_S = 240;
  private static HeadlessChromium chromium;

  @TempDir Path tmp;

  @BeforeAll
  static void startBrowser(@TempDir Path dir) throws Exception {
    chromium = HeadlessChromium.start(dir);
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static final String READ_COUNTS = "(() => { const t = document.getElementById('latest-table');"
      + " return { updates: +document.body.dataset.updates, batchTime: t.dataset.batchTime,"
      + " rows: [...t.tBodies[0].rows].map(r => '(' + r.cells[1].textContent + ','"
      + " + r.cells[2].textContent + ')').join(''), marker: window.__marker || null }; })()";

  private static final String READ_WINDOWS = "(() => { const t = document.getElementById('windows-table');"
      + " return { updates: +document.body.dataset.updates, batchTime: t.dataset.batchTime,"
      + " rows: [...t.tBodies[0].rows].map(r => ({ time: r.dataset.batchTime,"
      + " value: r.querySelector('.value').textContent, alert: r.classList.contains('alert') })),"
      + " alerts: [...document.querySelectorAll('#alerts li[data-batch-time]')].map(l => l.dataset.batchTime),"
      + " marker: window.__marker || null }; })()";

  /** A run of bin/run-wordcount with the dashboard on a free port, its page open. */
  private record Job(Launcher.Run run, HeadlessChromium.Page page, Path prefix) implements AutoCloseable {
    @Override
    public void close() {
      page.close();
      run.close();
    }
  }

  private Job start(List<String> lines, String... args) throws Exception {
    Path input = Files.write(tmp.resolve("input.txt"), lines, StandardCharsets.UTF_8);
    Path prefix = tmp.resolve("out/result");
    int port = Launcher.freePort();
    List<String> all = new ArrayList<>(List.of("--source", "replay", "--input", input.toString(),
        // 1 s batches and few of them: when a loaded machine takes longer than a batch to process
        // one, batches queue up and the graceful stop at the end runs every queued one, so the
        // run's length grows with (processing time / batch - 1) x batches.
        "--batch", "1s", "--output", prefix.toString(), "--no-print",
        "--dashboard", "--dashboard-port", Integer.toString(port)));
    all.addAll(List.of(args));
    Launcher.Run run = Launcher.start(tmp, "run-wordcount", all.toArray(new String[0]));
    String url = "http://127.0.0.1:" + port + "/";
    try {
      assertTrue(run.awaitOutput("Dashboard: " + url, START_S),
          "the driver announces its dashboard\n" + run.err());
      HeadlessChromium.Page page = chromium.open(url);
      // Set once: a reload would lose it, so seeing it later proves the updates came without one.
      page.evaluate("window.__marker = 'loaded once'; true");
      return new Job(run, page, prefix);
    } catch (Exception | AssertionError e) {
      run.close();
      throw e;
    }
  }

  /** The output lines of a counting batch in the page's order (count, then word), top K. */
  private static String sortedOutput(List<String> lines) {
    List<String[]> pairs = new ArrayList<>();
    for (String l : lines) {
      int comma = l.lastIndexOf(',');
      pairs.add(new String[] {l.substring(1, comma), l.substring(comma + 1, l.length() - 1)});
    }
    pairs.sort((a, b) -> WordCountOrder.compare(a[0], Long.parseLong(a[1]), b[0], Long.parseLong(b[1])));
    StringBuilder s = new StringBuilder();
    pairs.stream().limit(DashboardSettings.TOP_K)
        .forEach(p -> s.append('(').append(p[0]).append(',').append(p[1]).append(')'));
    return s.toString();
  }

  private static void endsAndSaysSo(Job job) throws Exception {
    // Generous: on a loaded machine a replay queues up batches and a graceful stop runs them all.
    assertEquals(0, job.run().await(600), "the replay ends by itself\n" + job.run().err());
    job.page().waitFor(20_000, "the page to say the job stopped",
        "document.body.dataset.status === 'stopped'");
  }

  @Test
  void windowPageShowsWhatTheRunWrote() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("spark streaming w" + (i % 3) + (i % 4 == 0 ? " spark dstream" : "") + " x" + i);
    }
    try (Job job = start(lines, "--lines-per-batch", "1", "--pipeline", "window",
        "--window", "2s", "--slide", "1s")) {
      HeadlessChromium.Page page = job.page();
      page.waitFor(120_000, "a first result on the page",
          "document.getElementById('latest-table') && document.getElementById('latest-table').dataset.batchTime > ''"
              + " && document.getElementById('latest-table').tBodies[0].rows.length > 0");
      JsonNode first = page.evaluate(READ_COUNTS);
      page.waitFor(120_000, "two more updates and a newer result",
          "+document.body.dataset.updates >= " + (first.get("updates").asInt() + 2)
              + " && +document.getElementById('latest-table').dataset.batchTime > " + first.get("batchTime").asText());
      JsonNode second = page.evaluate(READ_COUNTS);
      assertEquals("loaded once", second.get("marker").asText(), "updated without a reload");
      SortedMap<Long, List<String>> outputs = OutputFiles.read(job.prefix());
      for (JsonNode seen : List.of(first, second)) {
        long time = seen.get("batchTime").asLong();
        assertTrue(outputs.containsKey(time), "an output directory for " + time + ": " + outputs.keySet());
        assertEquals(sortedOutput(outputs.get(time)), seen.get("rows").asText(), "window " + time);
      }
      assertTrue(page.evaluate("document.querySelectorAll('#bar-chart canvas, #words-chart canvas').length >= 2")
          .asBoolean(), "both charts drawn");
      assertEquals(List.of(), page.consoleErrors(), "browser console errors");
      page.screenshot(Launcher.HOME.resolve("target/dashboard-window.png"), 1280);
      endsAndSaysSo(job);
    }
  }

  @Test
  void errorsPageShowsTheWindowsAndTheAlerts() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Bursts of errors every few batches, so windows rise above the threshold and fall again.
      lines.add((i % 10 < 4 ? "ERROR" : "INFO") + " request " + i);
    }
    try (Job job = start(lines, "--lines-per-batch", "2", "--pipeline", "errors",
        "--window", "2s", "--slide", "1s", "--alert-above", "2")) {
      HeadlessChromium.Page page = job.page();
      page.waitFor(120_000, "a first window on the page",
          "document.getElementById('windows-table') && document.getElementById('windows-table').tBodies[0].rows.length > 0");
      JsonNode first = page.evaluate(READ_WINDOWS);
      page.waitFor(120_000, "two more updates, an alert, and a newer window",
          "+document.body.dataset.updates >= " + (first.get("updates").asInt() + 2)
              + " && document.querySelectorAll('#alerts li[data-batch-time]').length > 0"
              + " && +document.getElementById('windows-table').dataset.batchTime > " + first.get("batchTime").asText());
      JsonNode second = page.evaluate(READ_WINDOWS);
      assertEquals("loaded once", second.get("marker").asText(), "updated without a reload");
      SortedMap<Long, List<String>> outputs = OutputFiles.read(job.prefix());
      List<String> alerts = new ArrayList<>();
      second.get("alerts").forEach(a -> alerts.add(a.asText()));
      for (JsonNode row : second.get("rows")) {
        long time = row.get("time").asLong();
        assertEquals(outputs.get(time), List.of(row.get("value").asText()), "window " + time);
        boolean above = Long.parseLong(row.get("value").asText()) > 2;
        assertEquals(above, row.get("alert").asBoolean(), "alert highlighted for window " + time);
        assertEquals(above, alerts.contains(row.get("time").asText()), "alert listed for window " + time);
      }
      assertEquals(List.of(), page.consoleErrors(), "browser console errors");
      page.screenshot(Launcher.HOME.resolve("target/dashboard-errors.png"), 1280);
      endsAndSaysSo(job);
    }
  }
}
