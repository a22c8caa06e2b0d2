package dstream.wordcount.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium, started through {@code bin/headless-chromium} (which installs Debian's
 * package when missing) and driven over the DevTools protocol with the JDK's WebSocket client:
 * open a page, evaluate JavaScript against its live DOM, collect console errors, take screenshots.
 * Closing it kills the browser.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long INSTALL_TIMEOUT_S = 900;
  private static final long START_TIMEOUT_MS = 60_000;
  private static final long CALL_TIMEOUT_MS = 30_000;

  private final Launcher.Run process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HeadlessChromium(Launcher.Run process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Installs Chromium if needed and starts it with a fresh profile under {@code workDir}. */
  public static HeadlessChromium start(Path workDir) throws Exception {
    Launcher.run(Duration.ofSeconds(INSTALL_TIMEOUT_S), "headless-chromium", "--install")
        .requireSuccess("bin/headless-chromium --install");
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
    Launcher.Run run = Launcher.start(workDir, "headless-chromium",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank");
    Path portFile = profile.resolve("DevToolsActivePort");
    try {
      Waits.until(START_TIMEOUT_MS, () -> "Chromium's DevToolsActivePort\n" + run.err(),
          () -> Files.isRegularFile(portFile) && readFirstLine(portFile) != null);
    } catch (AssertionError | InterruptedException e) {
      run.close();
      throw e;
    }
    return new HeadlessChromium(run, Integer.parseInt(readFirstLine(portFile)));
  }

  private static String readFirstLine(Path p) {
    try {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      return lines.isEmpty() || lines.get(0).isBlank() ? null : lines.get(0).trim();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Opens {@code url} in a new tab and waits for its load event. A new tab per page: a tab's log
   * replays its earlier entries when a client enables it, e.g. the reconnect attempts of a page
   * whose job has ended.
   */
  public Page open(String url) throws Exception {
    JsonNode target = JSON.readTree(http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
            .PUT(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    String ws = target.path("webSocketDebuggerUrl").asText();
    if (ws.isEmpty()) {
      throw new AssertionError("Chromium opened no tab: " + target);
    }
    URI close = URI.create("http://127.0.0.1:" + port + "/json/close/" + target.path("id").asText());
    Page page = new Page(http, URI.create(ws), close);
    page.call("Runtime.enable", null);
    page.call("Log.enable", null);
    page.call("Page.enable", null);
    page.navigate(url);
    return page;
  }

  @Override
  public void close() {
    process.close();
  }

  /** One page, driven over its DevTools WebSocket. */
  public static final class Page implements WebSocket.Listener, AutoCloseable {
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final WebSocket socket;
    private final HttpClient http;
    private final URI closeTab;

    Page(HttpClient http, URI ws, URI closeTab) throws Exception {
      this.http = http;
      this.closeTab = closeTab;
      socket = http.newWebSocketBuilder().buildAsync(ws, this).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends a DevTools command and returns its result. */
    public JsonNode call(String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
      if (params != null) {
        msg.set("params", params);
      }
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      pending.put(id, reply);
      synchronized (socket) {
        socket.sendText(JSON.writeValueAsString(msg), true).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
      JsonNode r = reply.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (r.has("error")) {
        throw new AssertionError(method + " failed: " + r.get("error"));
      }
      return r.path("result");
    }

    void navigate(String url) throws Exception {
      loaded = new CompletableFuture<>();
      call("Page.navigate", JSON.createObjectNode().put("url", url));
      loaded.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** The value of a JavaScript expression in the page (JSON-serializable values). */
    public JsonNode evaluate(String expression) throws Exception {
      JsonNode r = call("Runtime.evaluate", JSON.createObjectNode()
          .put("expression", expression).put("returnByValue", true));
      if (r.has("exceptionDetails")) {
        throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
      }
      return r.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page. */
    public void waitFor(long timeoutMs, String what, String expression) throws Exception {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (!evaluate(expression).asBoolean(false)) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("gave up after " + timeoutMs + " ms waiting for " + what);
        }
        Thread.sleep(200);
      }
    }

    /** Saves a PNG of the whole page, {@code width} CSS pixels wide. */
    public void screenshot(Path file, int width) throws Exception {
      JsonNode height = evaluate("document.documentElement.scrollHeight");
      call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode()
          .put("width", width).put("height", height.asInt(900)).put("deviceScaleFactor", 1)
          .put("mobile", false));
      Thread.sleep(300); // the page redraws its charts for the new width
      JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** Console errors, uncaught exceptions and failed loads the page reported so far. */
    public synchronized List<String> consoleErrors() {
      return new ArrayList<>(consoleErrors);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          handle(JSON.readTree(text));
        } catch (IOException e) {
          synchronized (this) {
            consoleErrors.add("unreadable DevTools message: " + e.getMessage());
          }
        }
      }
      ws.request(1);
      return null;
    }

    private void handle(JsonNode m) {
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
        return;
      }
      String method = m.path("method").asText();
      JsonNode p = m.path("params");
      switch (method) {
        case "Page.loadEventFired" -> loaded.complete(null);
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("assert")) {
            addError("console." + type + ": " + p.path("args"));
          }
        }
        case "Runtime.exceptionThrown" -> addError("uncaught: " + p.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if (p.path("entry").path("level").asText().equals("error")) {
            addError("log: " + p.path("entry").path("text").asText() + " "
                + p.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    }

    private synchronized void addError(String e) {
      consoleErrors.add(e);
    }

    @Override
    public void close() {
      socket.abort();
      try {
        http.send(HttpRequest.newBuilder(closeTab).build(), HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // the browser is gone already
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Takes a screenshot of a running dashboard for the docs: {@code URL FILE [WAIT-MS]}, waiting
   * until the page has shown results.
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("chromium-shot-");
    try (HeadlessChromium c = start(work); Page p = c.open(args[0])) {
      p.waitFor(60_000, "results on the page", "document.body.dataset.batchTime > ''");
      Thread.sleep(args.length > 2 ? Long.parseLong(args[2]) : 3000);
      p.screenshot(Path.of(args[1]), 1280);
      System.out.println("saved " + args[1] + "; console errors: " + p.consoleErrors());
    }
  }
}
