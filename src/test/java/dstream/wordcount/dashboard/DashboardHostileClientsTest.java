package dstream.wordcount.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard against hostile clients, over real loopback sockets: a {@code Host} that is not
 * the server's (DNS rebinding) gets 421 and no data; half-sent requests are timed out and never
 * take more than the bounded threads; event-stream clients that never read are dropped within a
 * few seconds, and their slots come back.
 */
@Timeout(90)
class DashboardHostileClientsTest {
  private static final long T0 = 1796150000000L;

  private static Dashboard start() throws Exception {
    Dashboard d = Dashboard.start(DashboardSettings.of("127.0.0.1", 0),
        new JobInfo("replay", "count", "counts", 200, 0, 0, -1, null, T0));
    d.state().add(Result.counts(T0, List.of(new WordCount("secret", 7))));
    return d;
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    s.setSoTimeout(15_000);
    return s;
  }

  /** The whole response to one request with {@code host} as its Host header (null: none). */
  private static String exchange(int port, String host, String path) throws IOException {
    try (Socket s = connect(port)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\n"
          + (host == null ? "" : "Host: " + host + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void await(String what, long ms, BooleanSupplier done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (!done.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, what + " within " + ms + " ms");
      Thread.sleep(50);
    }
  }

  private static long serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().matches("dashboard-http-\\d+") && t.isAlive()).count();
  }

  @Test
  void onlyTheServersOwnHostNamesGetData() throws Exception {
    try (Dashboard d = start()) {
      int port = d.port();
      for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port,
          "LOCALHOST:" + port, "[::1]:" + port}) {
        String r = exchange(port, host, "/api/latest");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), host + ": " + r);
        assertTrue(r.contains("\"word\":\"secret\""), host + ": " + r);
      }
      for (String host : new String[] {"rebind.attacker.example:" + port, "127.0.0.1",
          "127.0.0.1:" + (port == 65535 ? 1024 : port + 1), "localhost.attacker.example:" + port,
          null}) {
        for (String path : new String[] {"/api/latest", "/api/history", "/events", "/"}) {
          String r = exchange(port, host, path);
          assertTrue(r.startsWith("HTTP/1.1 421 Misdirected Request\r\n"), host + path + ": " + r);
          assertFalse(r.contains("secret") || r.contains("pipeline") || r.contains("<script"),
              "no data for " + host + path + ": " + r);
        }
      }
    }
  }

  @Test
  void halfSentRequestsAreTimedOutAndTheThreadsStayBounded() throws Exception {
    try (Dashboard d = start()) {
      int port = d.port();
      List<Socket> flood = new ArrayList<>();
      try {
        long start = System.currentTimeMillis();
        for (int i = 0; i < 200; i++) {
          Socket s = connect(port);
          // The request line and one header, never the blank line that ends them.
          s.getOutputStream().write(("GET /api/latest HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
          flood.add(s);
        }
        assertTrue(serverThreads() <= Dashboard.LIMITS.threads(),
            "threads bounded: " + serverThreads());
        // A request during the flood is answered at once: 503 while every thread waits for a
        // half-sent head, never a hang.
        String during = exchange(port, "127.0.0.1:" + port, "/api/latest");
        assertTrue(during.startsWith("HTTP/1.1 200 ") || during.startsWith("HTTP/1.1 503 "), during);
        // Every flooding connection is ended by the server: a 503 at once, or closed once the
        // header time ran out; none holds a thread longer.
        for (Socket s : flood) {
          String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertTrue(r.isEmpty() || r.startsWith("HTTP/1.1 503 "), r);
        }
        long took = System.currentTimeMillis() - start;
        assertTrue(took < Dashboard.LIMITS.headerMs() + 5_000, "all ended after " + took + " ms");
        await("threads back to idle", 5_000, () -> d.server().connections() == 0);
        assertTrue(d.server().timedOut() >= 1 && d.server().rejected() >= 1,
            "timed out " + d.server().timedOut() + ", rejected " + d.server().rejected());
        assertTrue(serverThreads() <= Dashboard.LIMITS.threads(), "threads: " + serverThreads());
        assertTrue(exchange(port, "127.0.0.1:" + port, "/api/latest").contains("secret"),
            "serves again");
      } finally {
        for (Socket s : flood) {
          s.close();
        }
      }
    }
  }

  @Test
  void eventStreamClientsThatNeverReadAreDroppedWithinAFewSeconds() throws Exception {
    try (Dashboard d = start()) {
      int port = d.port();
      List<Socket> stuck = new ArrayList<>();
      try {
        for (int i = 0; i < Dashboard.MAX_CLIENTS; i++) {
          Socket s = new Socket();
          s.setReceiveBufferSize(4096); // before connect: the window a stuck browser offers
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
          s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
          stuck.add(s);
        }
        await("every stream slot taken", 5_000, () -> d.hub().clients() == Dashboard.MAX_CLIENTS);
        assertTrue(exchange(port, "127.0.0.1:" + port, "/events").startsWith("HTTP/1.1 503 "),
            "no slot left");
        // Far more than the socket buffers hold, in fewer events than a client's queue: only the
        // blocked writes can get these clients dropped, not the queue overflow.
        long start = System.currentTimeMillis();
        String big = "x".repeat(4 << 20);
        for (int i = 0; i < 3; i++) {
          d.hub().publish("snapshot", big);
        }
        await("stuck streams dropped", Dashboard.LIMITS.writeMs() + 5_000,
            () -> d.hub().clients() == 0 && d.server().connections() == 0);
        long took = System.currentTimeMillis() - start;
        assertTrue(took >= Dashboard.LIMITS.writeMs() - 500, "not before the write limit: " + took);
        assertEquals(0, d.hub().dropped(), "dropped by the write limit, not the queue");
        // The slots are free again: a reading client gets its stream.
        try (Socket s = connect(port)) {
          s.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
          InputStream in = s.getInputStream();
          byte[] head = new byte[15];
          assertEquals(15, in.readNBytes(head, 0, 15));
          assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.US_ASCII));
        }
      } finally {
        for (Socket s : stuck) {
          closeQuietly(s);
        }
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // the server closed it first
    }
  }
}
