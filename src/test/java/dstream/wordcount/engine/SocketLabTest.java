package dstream.wordcount.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.engine.structured.StructuredRunner;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket lab's own query on the structured engine: its {@code client.py} reads a line server
 * with {@code readStream.format("socket")}, counts words with {@code groupBy("word").count()} and
 * prints, in update mode, the running counts that changed in each micro-batch; {@code --pipeline
 * state} is that, and {@code --pipeline cumulative} prints all of them, as complete mode would.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SocketLabTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  @ParameterizedTest(name = "--pipeline {0}")
  @ValueSource(strings = {"state", "cumulative"})
  void theLabsRunningCountsPerMicroBatch(String pipeline) throws Exception {
    Path out = tmp.resolve("lab/wc");
    ExecutorService driver = Executors.newSingleThreadExecutor();
    CountDownLatch stop = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.setSoTimeout(60_000);
      Job job = Job.parse(new String[] {"--engine", "structured", "--source", "socket",
          "--host", "127.0.0.1", "--port", Integer.toString(server.getLocalPort()),
          "--pipeline", pipeline, "--batch", "300ms", "--output", out.toString(), "--no-print",
          "--duration", "150s"}, null);
      Future<?> run = driver.submit(() -> StructuredRunner.run(job, spark.sessions(), stop));
      try (Socket client = server.accept()) {
        // A line at a time, each counted before the next is sent: lines sent together may fall
        // into one micro-batch or two, as the source's reader adds them while triggers fire.
        send(client, "spark streaming dstream");
        awaitBatches(out, 1);
        send(client, "spark spark streaming");
        awaitBatches(out, 2);
        send(client, "big data spark");
        awaitBatches(out, 3);
      }
      stop.countDown();
      run.get(60, TimeUnit.SECONDS);
    } finally {
      stop.countDown();
      driver.shutdownNow();
    }
    List<Map<String, Long>> batches = new ArrayList<>();
    nonEmpty(out).forEach(b -> batches.add(Counts.parse(b)));
    boolean changedOnly = pipeline.equals("state"); // update mode: the counts that changed
    assertEquals(List.of(
        counts("spark", 1, "streaming", 1, "dstream", 1),
        changedOnly ? counts("spark", 3, "streaming", 2)
            : counts("spark", 3, "streaming", 2, "dstream", 1),
        changedOnly ? counts("spark", 4, "big", 1, "data", 1)
            : counts("spark", 4, "streaming", 2, "dstream", 1, "big", 1, "data", 1)), batches);
  }

  private static void send(Socket client, String... lines) throws IOException {
    OutputStream out = client.getOutputStream();
    for (String line : lines) {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.flush();
  }

  /**
   * Waits for {@code n} micro-batches with results: Spark's socket source may start with one
   * without input (the lab's console shows it as an empty {@code Batch: 0}).
   */
  private static void awaitBatches(Path out, int n) throws InterruptedException {
    Waits.until(60_000, () -> n + " micro-batch(es) with results in " + OutputFiles.read(out),
        () -> nonEmpty(out).size() >= n);
  }

  private static List<List<String>> nonEmpty(Path out) {
    return OutputFiles.read(out).values().stream().filter(b -> !b.isEmpty()).toList();
  }

  private static Map<String, Long> counts(Object... pairs) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
    }
    return m;
  }
}
