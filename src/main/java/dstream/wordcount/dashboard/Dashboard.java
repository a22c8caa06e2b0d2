package dstream.wordcount.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dstream.wordcount.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live results page of {@code --dashboard}, served by the JDK's own HTTP server from the
 * driver: the page and uPlot (from its webjar) as static resources, {@code /api/latest} and
 * {@code /api/history?last=N} as JSON, and {@code /events} as Server-Sent Events that push every
 * change of the {@link DashboardState}. Spark-free: the Spark side ({@code outputs.DashboardOutput}) only
 * calls {@link #state()}.
 *
 * <p>Started before Spark, so a port in use or a privileged port is a usage error before any Spark
 * work; closed after the context stopped, telling the pages the job has stopped first.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
  private static final String STATIC = "/dstream/wordcount/dashboard/static/";
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
  /** Queued snapshots per page before it counts as stuck and is dropped. */
  static final int QUEUE_PER_CLIENT = 16;
  /** Pages connected at once; each holds one server thread. */
  static final int MAX_CLIENTS = 16;
  private static final long KEEP_ALIVE_MS = 15_000;
  private static final long POLL_MS = 500;

  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {STATIC + "index.html", "text/html; charset=utf-8"},
      "/app.js", new String[] {STATIC + "app.js", "text/javascript; charset=utf-8"},
      "/app.css", new String[] {STATIC + "app.css", "text/css; charset=utf-8"},
      "/vendor/uPlot.iife.min.js", new String[] {"dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "/vendor/uPlot.min.css", new String[] {"dist/uPlot.min.css", "text/css; charset=utf-8"});

  private final HttpServer server;
  private final ExecutorService threads;
  private final EventHub hub;
  private final DashboardState state;
  private final String url;
  private final String uplotBase;

  private Dashboard(HttpServer server, ExecutorService threads, EventHub hub, DashboardState state,
      String url, String uplotBase) {
    this.server = server;
    this.threads = threads;
    this.hub = hub;
    this.state = state;
    this.url = url;
    this.uplotBase = uplotBase;
  }

  /**
   * Binds and starts the server of {@code job}.
   *
   * @throws UsageException for a privileged port, a port in use or an address not of this machine
   */
  public static Dashboard start(DashboardSettings s, JobInfo job) throws UsageException {
    if (s.port() > 0 && s.port() < 1024) {
      throw new UsageException("--dashboard-port " + s.port() + " is a privileged port (below 1024);"
          + " choose one from 1024 to 65535, or 0 for a free one");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(s.host());
    } catch (UnknownHostException e) {
      throw new UsageException("--dashboard-host " + s.host() + ": unknown host; give an address of"
          + " this machine, e.g. 127.0.0.1 (the default) or 0.0.0.0 for every interface");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, s.port()), 16);
    } catch (BindException e) {
      if (String.valueOf(e.getMessage()).contains("in use")) {
        throw new UsageException("--dashboard-port " + s.port() + ": " + s.host() + ":" + s.port()
            + " is already in use; choose another port, or 0 for a free one");
      }
      throw new UsageException("--dashboard-host " + s.host() + ": cannot listen there ("
          + e.getMessage() + "); give an address of this machine, e.g. 127.0.0.1");
    } catch (IOException e) {
      throw new UsageException("--dashboard-port " + s.port() + ": cannot listen on " + s.host()
          + ":" + s.port() + " (" + e.getMessage() + ")");
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dashboard-http-" + n.incrementAndGet());
      t.setDaemon(true); // a page left open must not keep the driver's JVM alive
      return t;
    });
    EventHub hub = new EventHub(QUEUE_PER_CLIENT, MAX_CLIENTS);
    DashboardState state = new DashboardState(job, s, hub);
    String host = address.isAnyLocalAddress() ? "127.0.0.1" : s.host();
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + server.getAddress().getPort() + "/";
    Dashboard d = new Dashboard(server, threads, hub, state, url, uplotBase());
    server.createContext("/", d::handle);
    server.setExecutor(threads);
    server.start();
    return d;
  }

  /** Where the webjar keeps uPlot: its version is in the webjar's own Maven metadata. */
  private static String uplotBase() {
    Properties p = new Properties();
    try (InputStream in = Dashboard.class.getResourceAsStream(UPLOT_POM)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      LOG.debug("cannot read {}", UPLOT_POM, e);
    }
    return "/META-INF/resources/webjars/uplot/" + p.getProperty("version", "missing") + "/";
  }

  /** The page's address, e.g. {@code http://127.0.0.1:4050/}. */
  public String url() {
    return url;
  }

  /** The port the server listens on (the free one chosen for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** What the page shows; the Spark side adds results and timings here. */
  public DashboardState state() {
    return state;
  }

  /** The SSE fan-out (its client and drop counts). */
  EventHub hub() {
    return hub;
  }

  /** Tells the pages the job stopped, lets them take that last event, and stops the server. */
  @Override
  public void close() {
    state.stopped(System.currentTimeMillis());
    hub.close();
    server.stop(1); // waits up to 1 s for the event streams to send the "stopped" snapshot
    threads.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
        return;
      }
      URI uri = ex.getRequestURI();
      String path = uri.getPath();
      switch (path) {
        case "/api/latest" -> send(ex, 200, "application/json", state.latestJson());
        case "/api/history" -> history(ex, uri.getRawQuery());
        case "/events" -> events(ex);
        default -> file(ex, path);
      }
    }
  }

  private void history(HttpExchange ex, String query) throws IOException {
    int max = state.historyLimit();
    int last = max;
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("last=")) {
          String v = pair.substring(5);
          try {
            last = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            last = -1;
          }
          if (last < 1 || last > max) {
            send(ex, 400, "application/json", "{\"error\":\"last must be a whole number from 1 to "
                + max + "\"}");
            return;
          }
        }
      }
    }
    send(ex, 200, "application/json", state.historyJson(last));
  }

  private void file(HttpExchange ex, String path) throws IOException {
    String[] file = FILES.get(path);
    if (file == null) {
      send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
      return;
    }
    String resource = file[0].startsWith("/") ? file[0] : uplotBase + file[0];
    try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
      if (in == null) {
        send(ex, 500, "text/plain; charset=utf-8", "missing from the jar: " + resource + "\n");
        return;
      }
      byte[] body = in.readAllBytes();
      ex.getResponseHeaders().set("Content-Type", file[1]);
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      writeBody(ex, 200, body);
    }
  }

  private void events(HttpExchange ex) throws IOException {
    EventHub.Client client = hub.join();
    if (client == null) {
      send(ex, 503, "text/plain; charset=utf-8", state.isStopped()
          ? "the job has stopped\n" : "too many pages connected (" + MAX_CLIENTS + ")\n");
      return;
    }
    try {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      // The page reconnects 2 s after the stream ends: a restarted (recovered) driver is back.
      write(out, "retry: 2000\n\nevent: snapshot\ndata: " + state.snapshotJson() + "\n\n");
      long idle = 0;
      while (true) {
        String m = client.next(POLL_MS);
        if (m == null) {
          break;
        }
        if (m.isEmpty()) {
          idle += POLL_MS;
          if (idle >= KEEP_ALIVE_MS) {
            write(out, ": keep-alive\n\n");
            idle = 0;
          }
          continue;
        }
        idle = 0;
        write(out, m);
      }
    } catch (IOException e) {
      LOG.debug("dashboard page went away: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      hub.leave(client);
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    writeBody(ex, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBody(HttpExchange ex, int status, byte[] body) throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      ex.getResponseBody().write(body);
    }
  }
}
