package dstream.wordcount.dashboard;

import dstream.wordcount.cli.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live results page of {@code --dashboard}, served from the driver by a small bounded HTTP
 * server ({@link WebServer}: threads, header time and blocked writes all bounded; only requests
 * naming the server's own host): the page and uPlot (from its webjar) as static resources, {@code /api/latest} and
 * {@code /api/history?last=N} as JSON, and {@code /events} as Server-Sent Events that push every
 * change of the {@link DashboardState}. Spark-free: the Spark side ({@code outputs.DashboardOutput}) only
 * calls {@link #state()}.
 *
 * <p>Started before Spark, so a port in use or a privileged port is a usage error before any Spark
 * work; closed after the context stopped, telling the pages the job has stopped first.
 */
public final class Dashboard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
  /** Queued snapshots per page before it counts as stuck and is dropped. */
  static final int QUEUE_PER_CLIENT = 16;
  /** Pages connected at once; each holds one server thread. */
  static final int MAX_CLIENTS = 16;
  /**
   * The server's bounds: the event streams plus 8 threads for the other requests (a page loads
   * five files and polls nothing else); headers within 5 s (a browser sends them at once); a
   * write blocked for 5 s means a page that stopped reading (a live one takes a snapshot in
   * milliseconds), and it is dropped; it reconnects by itself if it was only slow.
   */
  static final WebServer.Limits LIMITS = new WebServer.Limits(MAX_CLIENTS + 8, 5_000, 16_384, 5_000);
  private static final long KEEP_ALIVE_MS = 15_000;
  private static final long POLL_MS = 500;

  private WebServer server;
  private final EventHub hub;
  private final DashboardState state;
  private String url;
  private final StaticFiles files;

  private Dashboard(EventHub hub, DashboardState state, StaticFiles files) {
    this.hub = hub;
    this.state = state;
    this.files = files;
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
    EventHub hub = new EventHub(QUEUE_PER_CLIENT, MAX_CLIENTS);
    Dashboard d = new Dashboard(hub, new DashboardState(job, s, hub), StaticFiles.load());
    try {
      d.server = WebServer.start(address, s.port(), LIMITS, d::handle, hostNames(s.host(), address),
          "dashboard-http");
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
    String host = address.isAnyLocalAddress() ? "127.0.0.1" : s.host();
    d.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + d.server.port() + "/";
    return d;
  }

  /**
   * The names a request may give in its {@code Host} header: loopback's, the
   * {@code --dashboard-host} value, and on a wildcard address this machine's own addresses (an
   * address cannot be re-pointed by DNS; a name can, which is how a rebinding page gets here).
   */
  static Set<String> hostNames(String dashboardHost, InetAddress bound) {
    Set<String> names = new HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]"));
    names.add(bracketed(dashboardHost));
    if (bound.isAnyLocalAddress()) {
      try {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InetAddress a : Collections.list(i.getInetAddresses())) {
            String text = a.getHostAddress();
            int scope = text.indexOf('%');
            names.add(bracketed(scope < 0 ? text : text.substring(0, scope)));
          }
        }
      } catch (SocketException e) {
        LOG.warn("dashboard: cannot list this machine's addresses ({}); it answers to"
            + " 127.0.0.1 and localhost only", e.getMessage());
      }
    }
    return Set.copyOf(names);
  }

  private static String bracketed(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:4050/}. */
  public String url() {
    return url;
  }

  /** The port the server listens on (the free one chosen for port 0). */
  public int port() {
    return server.port();
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
    server.close(1_000); // up to 1 s for the event streams to send the "stopped" snapshot
  }

  /** The server (its bounds and counts), for tests. */
  WebServer server() {
    return server;
  }

  private void handle(WebServer.Request req, WebServer.Response res) throws IOException {
    String method = req.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      res.header("Allow", "GET, HEAD").send(405, "text/plain; charset=utf-8", "only GET and HEAD\n");
      return;
    }
    String path = req.path();
    switch (path) {
      case "/api/latest" -> res.send(200, "application/json", state.latestJson());
      case "/api/history" -> history(res, req.rawQuery());
      case "/events" -> events(res);
      default -> files.serve(res, path);
    }
  }

  private void history(WebServer.Response res, String query) throws IOException {
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
            res.send(400, "application/json", "{\"error\":\"last must be a whole number from 1 to "
                + max + "\"}");
            return;
          }
        }
      }
    }
    res.send(200, "application/json", state.historyJson(last));
  }

  private void events(WebServer.Response res) throws IOException {
    EventHub.Client client = hub.join();
    if (client == null) {
      res.send(503, "text/plain; charset=utf-8", state.isStopped()
          ? "the job has stopped\n" : "too many pages connected (" + MAX_CLIENTS + ")\n");
      return;
    }
    try {
      OutputStream out = res.header("Cache-Control", "no-store")
          .stream(200, "text/event-stream; charset=utf-8");
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
      // Also a page that stopped reading: the server closed it after a blocked write.
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
}
