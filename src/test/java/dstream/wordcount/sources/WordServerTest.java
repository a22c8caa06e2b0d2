package dstream.wordcount.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WordServerTest {
  private static List<String> readAll(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
         BufferedReader r = new BufferedReader(
             new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      s.setSoTimeout(10_000);
      List<String> lines = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
      return lines;
    }
  }

  @Test
  void servesTheLabMessagesInALoopToEveryClient() throws Exception {
    try (WordServer server = new WordServer(WordServer.DEMO_LINES, 0, 4, msg -> { })) {
      int port = server.start(0);
      List<String> expected = List.of("spark streaming dstream", "spark spark streaming",
          "big data spark", "spark streaming dstream");
      assertEquals(expected, readAll(port));
      assertEquals(expected, readAll(port), "a second client gets its own loop");
      assertEquals(8, server.linesSent());
    }
  }

  @Test
  void closingDisconnectsClients() throws Exception {
    WordServer server = new WordServer(List.of("x"), 50, -1, msg -> { });
    int port = server.start(0);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
         BufferedReader r = new BufferedReader(
             new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      s.setSoTimeout(10_000);
      assertEquals("x", r.readLine());
      server.close();
      String rest;
      do {
        rest = r.readLine();
      } while (rest != null);
      assertNull(rest);
    }
  }
}
