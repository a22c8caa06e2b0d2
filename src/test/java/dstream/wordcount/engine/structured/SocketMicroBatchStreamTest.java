package dstream.wordcount.engine.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.testing.Waits;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The structured socket source's flow control, without Spark: a micro-batch admits at most its
 * ceiling of lines, and the reader stops reading once {@value SocketMicroBatchStream#BUFFERED_BATCHES}
 * micro-batches of lines wait, until a commit drops some; the sender is held back by TCP meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketMicroBatchStreamTest {
  private static long available(SocketMicroBatchStream s, long from) {
    return LineOffset.lineOf(s.latestOffset(new LineOffset(from), ReadLimit.allAvailable()));
  }

  @Test
  void admitsItsCeilingPerMicroBatchAndBuffersTenMicroBatchesAtMost() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread sender = new Thread(() -> {
        try (Socket client = server.accept()) {
          OutputStream out = client.getOutputStream();
          for (int i = 0; i < 1_000; i++) {
            out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
          }
          out.flush();
          Thread.sleep(30_000); // the connection stays open while the test reads
        } catch (Exception e) {
          // the test ended first
        }
      });
      sender.setDaemon(true);
      sender.start();
      SocketMicroBatchStream stream =
          new SocketMicroBatchStream("127.0.0.1", server.getLocalPort(), 10);
      try {
        Waits.until(10_000, () -> "10 lines admitted from 0", () -> available(stream, 0) == 10);
        // A start far ahead shows what is buffered: 100 lines (10 micro-batches), not 1000.
        Waits.until(10_000, () -> "100 lines buffered", () -> available(stream, 1_000) == 100);
        Thread.sleep(500);
        assertEquals(100, available(stream, 1_000), "the reader waits at the bound");
        assertEquals(40, available(stream, 30), "a micro-batch from line 30 admits 10");
        stream.commit(new LineOffset(50));
        Waits.until(10_000, () -> "read on after the commit: " + available(stream, 1_000),
            () -> available(stream, 1_000) == 150);
      } finally {
        stream.stop();
      }
    }
  }
}
