package dstream.wordcount.dashboard;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP/1.1 server: one request per connection ({@code Connection: close}), GET and
 * HEAD without a body, every phase of a connection bounded. It replaces the JDK's
 * {@code com.sun.net.httpserver}, which under a connection flood gave each half-sent request a
 * thread of its own for as long as the client liked (306 -> 493 threads for 200 of them), and
 * whose writes to an event-stream client that never reads block until TCP gives up (about 50 s in
 * the flood), holding one of the stream slots: it has no per-server timeouts (only JVM-wide system
 * properties, and its response timeout would end every event stream) and does not expose the
 * socket to close.
 *
 * <p>The bounds: at most {@link Limits#threads} connections are served at once, the others get
 * {@code 503} at once; the request line and headers must arrive within {@link Limits#headerMs} and
 * fit in {@link Limits#headerBytes}; a write (or flush) blocked for more than {@link
 * Limits#writeMs} has its connection closed, which ends the blocked write. One watchdog thread
 * enforces both deadlines by closing the socket, the only thing that ends a blocked socket call.
 * Requests whose {@code Host} header is not one of the server's names with its port get
 * {@code 421} and no data: under DNS rebinding a web page whose name was re-pointed at 127.0.0.1
 * reaches the server, but sends its own name.
 *
 * <p>One unit over 250 lines on purpose: the accept loop, the watchdog, a connection's deadlines
 * and its response stream are one mechanism (the watchdog ends a blocked read or write by
 * closing the socket its connection armed), and each piece is meaningless apart.
 */
final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  private static final long WATCH_MS = 200;

  /**
   * The bounds of one server.
   *
   * @param threads connections served at once (event streams included)
   * @param headerMs time for the request line and headers to arrive
   * @param headerBytes size of the request line and headers
   * @param writeMs time one write may stay blocked before the connection is closed
   */
  record Limits(int threads, long headerMs, int headerBytes, long writeMs) {}

  /** One request: method, decoded path, raw query (or null) and headers (names lower-case). */
  record Request(String method, String path, String rawQuery, Map<String, String> headers) {}

  /** What serves the requests; {@link Response} is written to, then the connection closes. */
  interface Handler {
    void handle(Request request, Response response) throws IOException;
  }

  private final ServerSocket socket;
  private final Limits limits;
  private final Handler handler;
  private final Set<String> hostNames;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private volatile boolean closing;

  private WebServer(ServerSocket socket, Limits limits, Handler handler, Set<String> hostNames,
      String name) {
    this.socket = socket;
    this.limits = limits;
    this.handler = handler;
    this.hostNames = hostNames;
    AtomicInteger n = new AtomicInteger();
    // No queue: a connection either gets a thread now or a 503, so nothing waits unbounded.
    pool = new ThreadPoolExecutor(0, limits.threads(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> daemon(r, name + "-" + n.incrementAndGet()));
    watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-watchdog"));
    acceptor = daemon(this::acceptLoop, name + "-accept");
  }

  /** A page left open must not keep the driver's JVM alive. */
  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Binds {@code address:port} and starts serving the requests whose {@code Host} is one of
   * {@code hostNames} (lower case, IPv6 addresses in brackets) with the bound port.
   *
   * @throws IOException when it cannot bind ({@link java.net.BindException} for an address or a
   *     port in use)
   */
  static WebServer start(InetAddress address, int port, Limits limits, Handler handler,
      Set<String> hostNames, String name) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(new InetSocketAddress(address, port), 50);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    WebServer w = new WebServer(s, limits, handler, hostNames, name);
    w.watchdog.scheduleWithFixedDelay(w::enforceDeadlines, WATCH_MS, WATCH_MS, TimeUnit.MILLISECONDS);
    w.acceptor.start();
    return w;
  }

  /** The port it listens on. */
  int port() {
    return socket.getLocalPort();
  }

  /** Connections turned away because every thread was busy. */
  long rejected() {
    return rejected.get();
  }

  /** Connections closed because their headers did not arrive, or a write blocked, in time. */
  long timedOut() {
    return timedOut.get();
  }

  /** Connections being served now. */
  int connections() {
    return open.size();
  }

  /**
   * Stops accepting, gives the connections being served up to {@code graceMs} to finish (event
   * streams end once their hub closed), then closes the rest.
   */
  void close(long graceMs) {
    closing = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing the dashboard's socket: {}", e.getMessage());
    }
    pool.shutdown();
    try {
      pool.awaitTermination(graceMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    open.forEach(Connection::close);
    pool.shutdownNow();
    watchdog.shutdownNow();
  }

  @Override
  public void close() {
    close(0);
  }

  private void acceptLoop() {
    while (!closing) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (!closing) {
          LOG.warn("dashboard: accept failed: {}", e.getMessage());
        }
        continue;
      }
      Connection c = new Connection(s);
      try {
        open.add(c);
        pool.execute(() -> serve(c));
      } catch (RejectedExecutionException e) {
        open.remove(c);
        rejected.incrementAndGet();
        // A few bytes into a fresh socket's empty send buffer: this write does not block.
        c.rawReply(503, "busy: too many connections to the dashboard, try again\n");
      }
    }
  }

  /** True for {@code NAME:PORT} with one of the names and this server's port. */
  boolean hostAllowed(String host) {
    if (host == null) {
      return false;
    }
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon < host.lastIndexOf(']')) {
      return false; // no port: port 80, which this server never listens on
    }
    return host.substring(colon + 1).equals(Integer.toString(port()))
        && hostNames.contains(host.substring(0, colon).toLowerCase(Locale.ROOT));
  }

  /** Closes the connections whose current phase (headers, a write) is past its deadline. */
  private void enforceDeadlines() {
    long now = System.nanoTime();
    for (Connection c : open) {
      long d = c.deadline;
      if (d != 0 && now - d > 0) {
        timedOut.incrementAndGet();
        LOG.debug("dashboard: closing {} ({})", c.socket.getRemoteSocketAddress(), c.phase);
        c.close();
      }
    }
  }

  private void serve(Connection c) {
    try {
      c.arm("headers", limits.headerMs());
      Request r = c.readHead(limits.headerBytes());
      c.disarm();
      if (r == null) {
        c.rawReply(400, "bad request\n");
      } else if (!hostAllowed(r.headers().get("host"))) {
        Response res = new Response(c, r.method());
        res.send(421, "text/plain; charset=utf-8",
            "this dashboard answers only to its own address, e.g. http://127.0.0.1:" + port() + "/\n");
      } else {
        handler.handle(r, new Response(c, r.method()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("dashboard connection ended: {}", e.toString());
    } finally {
      c.close();
      open.remove(c);
    }
  }

  /** One client connection and the deadline of what it does now (0: none). */
  final class Connection {
    private final Socket socket;
    private volatile long deadline;
    private volatile String phase = "";

    private Connection(Socket socket) {
      this.socket = socket;
    }

    private void arm(String what, long ms) {
      phase = what;
      deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private void disarm() {
      deadline = 0;
    }

    /** The request line and headers, or null when they are not HTTP. */
    private Request readHead(int maxBytes) throws IOException {
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      byte[] buf = new byte[1024];
      // Read only up to the blank line: GET and HEAD have no body, and nothing else is served.
      while (head.indexOf("\r\n\r\n") < 0 && head.indexOf("\n\n") < 0) {
        int n = in.read(buf, 0, Math.min(buf.length, Math.max(1, maxBytes - head.length())));
        if (n < 0) {
          return null;
        }
        head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        if (head.length() >= maxBytes) {
          return null;
        }
      }
      String[] lines = head.toString().split("\r?\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        return null;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          return null;
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (headers.putIfAbsent(name, lines[i].substring(colon + 1).trim()) != null
            && name.equals("host")) {
          return null; // two Host headers: which one the check saw would be a guess
        }
      }
      URI uri;
      try {
        uri = new URI(requestLine[1]);
      } catch (java.net.URISyntaxException e) {
        return null;
      }
      return new Request(requestLine[0], uri.getPath() == null ? "/" : uri.getPath(),
          uri.getRawQuery(), headers);
    }

    /** A whole response written on the accepting thread or after a bad request. */
    private void rawReply(int status, String body) {
      try {
        new Response(this, "GET").send(status, "text/plain; charset=utf-8", body);
      } catch (IOException e) {
        LOG.debug("dashboard: reply {} failed: {}", status, e.getMessage());
      } finally {
        close();
      }
    }

    private void close() {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing a dashboard connection: {}", e.getMessage());
      }
    }
  }

  /** The response of one request: a whole body, or a stream written until the handler returns. */
  final class Response {
    private final Connection c;
    private final boolean head;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private OutputStream out;

    private Response(Connection c, String method) {
      this.c = c;
      this.head = method.equals("HEAD");
    }

    /** Sets a response header (before {@link #send} or {@link #stream}). */
    Response header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Sends {@code body} as the whole response. */
    void send(int status, String type, String body) throws IOException {
      send(status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} as the whole response (only its length for HEAD). */
    void send(int status, String type, byte[] body) throws IOException {
      headers.putIfAbsent("Content-Type", type);
      headers.putIfAbsent("Cache-Control", "no-store");
      headers.put("Content-Length", Integer.toString(body.length));
      OutputStream o = start(status);
      if (!head) {
        o.write(body);
      }
      o.flush();
    }

    /** Sends the status and headers of a response without a length, then its body as written. */
    OutputStream stream(int status, String type) throws IOException {
      headers.put("Content-Type", type);
      OutputStream o = start(status);
      o.flush();
      return o;
    }

    private OutputStream start(int status) throws IOException {
      if (out != null) {
        throw new IllegalStateException("response already started");
      }
      out = new GuardedOutput(new BufferedOutputStream(c.socket.getOutputStream(), 8192));
      StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
          .append(reason(status)).append("\r\n");
      headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
      h.append("Connection: close\r\n\r\n");
      out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
      return out;
    }

    /** Each write and flush must finish within the write limit, or the watchdog closes the socket. */
    private final class GuardedOutput extends OutputStream {
      private final OutputStream to;

      GuardedOutput(OutputStream to) {
        this.to = to;
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        c.arm("write", limits.writeMs());
        try {
          to.write(b, off, len);
        } catch (SocketException e) {
          throw new IOException("the connection was closed: " + e.getMessage(), e);
        } finally {
          c.disarm();
        }
      }

      @Override
      public void flush() throws IOException {
        c.arm("write", limits.writeMs());
        try {
          to.flush();
        } finally {
          c.disarm();
        }
      }
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 421 -> "Misdirected Request";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Server Error" : "Status";
    };
  }
}
