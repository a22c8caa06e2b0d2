package dstream.wordcount.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A loopback line server, the Java counterpart of a classic Python demo server: every client that
 * connects gets the lines in a loop, one every {@code interval}. Plain Java (no Spark), so it backs
 * both the embedded {@code demo} source and {@code bin/word-server}.
 */
public final class WordServer implements AutoCloseable {
  /** The three demo messages. */
  public static final List<String> DEMO_LINES =
      List.of("spark streaming dstream", "spark spark streaming", "big data spark");

  private final List<String> lines;
  private final long intervalMs;
  private final long maxLinesPerClient;
  private final Consumer<String> log;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong linesSent = new AtomicLong();
  private ServerSocket server;

  /**
   * @param lines the lines served, in a loop; must not be empty
   * @param intervalMs pause after each line (0: as fast as the client reads)
   * @param maxLinesPerClient lines sent to each client before closing it, or -1 for no limit
   * @param log where connection events are reported
   */
  public WordServer(List<String> lines, long intervalMs, long maxLinesPerClient, Consumer<String> log) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a word server needs at least one line");
    }
    this.lines = List.copyOf(lines);
    this.intervalMs = intervalMs;
    this.maxLinesPerClient = maxLinesPerClient;
    this.log = log;
  }

  /**
   * Binds 127.0.0.1:{@code port} (0 picks a free port) and starts accepting clients.
   *
   * @return the bound port
   * @throws BindException when the port is taken
   */
  public synchronized int start(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    try {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      s.close();
      throw e;
    }
    server = s;
    Thread acceptor = new Thread(this::acceptLoop, "word-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return s.getLocalPort();
  }

  /** Lines written to all clients so far. */
  public long linesSent() {
    return linesSent.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        clients.add(client);
        log.accept("client connected from " + client.getRemoteSocketAddress());
        Thread t = new Thread(() -> serve(client), "word-server-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.accept("accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client; OutputStream out = client.getOutputStream()) {
      long sent = 0;
      while (maxLinesPerClient < 0 || sent < maxLinesPerClient) {
        out.write((lines.get((int) (sent % lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        sent++;
        linesSent.incrementAndGet();
        if (intervalMs > 0) {
          Thread.sleep(intervalMs);
        }
      }
      log.accept("sent " + sent + " lines to " + client.getRemoteSocketAddress() + ", closing");
    } catch (SocketException e) {
      log.accept("client " + client.getRemoteSocketAddress() + " went away");
    } catch (IOException e) {
      log.accept("client " + client.getRemoteSocketAddress() + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(client);
    }
  }

  /** Stops accepting and disconnects every client. */
  @Override
  public synchronized void close() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing a listening socket has nothing left to report
    }
    for (Socket c : clients) {
      try {
        c.close();
      } catch (IOException ignored) {
        // the client is gone either way
      }
    }
  }
}
