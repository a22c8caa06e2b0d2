package dstream.wordcount.bench;

import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.OutputFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Latency end to end, as the user of a live dashboard or alert feels it: lines written at a steady
 * rate to a socket the real {@code bin/run-wordcount --source socket} reads, or produced to a
 * Kafka topic ({@code --source kafka}), each line one word that carries its sequence number and
 * the time it was written ({@code lat<seq>x<epoch ms>}); {@code grep} writes the line itself,
 * {@code count} the word with its count. The result is out when its batch's output directory is
 * complete ({@code _SUCCESS}), seen by polling every {@value #POLL_MS} ms; a record's latency is
 * that moment minus its write time. Both engines, at each batch interval of the plan. Before the
 * figures count, every record written in the measured span (after a warm-up, before the stop's
 * last batches) must have come out exactly once ({@code count}: with count 1). The goals:
 * {@code grep} on Kafka with p99 under 300 ms on the DStream engine at 100 ms batches, and under
 * 50 ms in Spark's real-time mode ({@code --trigger realtime}, which prints each line: it is out
 * when the driver's stdout has it, read every {@value #POLL_MS} ms).
 */
record LatencyMeasure(BenchPlan plan, Path home) {
  static final String NAME = "latency";
  static final String GOAL = "latency: grep on kafka, DStream, 100 ms batches";
  static final String TARGET = "p99 < 300 ms";
  static final String REAL_TIME_GOAL = "latency: grep on kafka, real-time mode";
  static final String REAL_TIME_TARGET = "p99 < 50 ms";
  /** Real-time mode runs a task per partition at once: the bench's topics have 3. */
  private static final String REAL_TIME_MASTER = "local[3]";
  private static final long POLL_MS = 5;
  private static final Pattern TOKEN = Pattern.compile("lat(\\d+)x(\\d+)(?:,(\\d+))?");
  private static final List<String> ENGINES = List.of("dstream", "structured");

  void run(Report report) throws Exception {
    if (home == null) {
      throw new IllegalStateException("the latency measure runs bin/run-wordcount: start it with"
          + " bin/bench");
    }
    Path dir = Files.createTempDirectory("bench-latency-");
    KafkaBroker broker = null;
    try {
      if (plan.latencySources.contains("kafka") || plan.latencyRealTime) {
        broker = KafkaBroker.start(dir.resolve("kafka"));
      }
      List<Chart.Bar> bars = new ArrayList<>();
      int run = 0;
      for (String source : plan.latencySources) {
        for (String pipeline : plan.latencyPipelines) {
          for (long batchMs : plan.latencyBatchMs) {
            for (String engine : ENGINES) {
              Path runDir = Files.createDirectories(dir.resolve("run-" + run++));
              String variant = String.format(Locale.ROOT, "%s on %s, %s, %d ms batches",
                  pipeline, source, engine, batchMs);
              Latencies l = measure(source, pipeline, engine, batchMs, runDir, broker, variant);
              record(report, bars, variant, l, engine.equals("dstream"));
              if (source.equals("kafka") && pipeline.equals("grep") && engine.equals("dstream")
                  && batchMs == 100) {
                report.goal(new Goal(GOAL, TARGET, l.p99Text(), Goal.verdict(l.p99() < 300),
                    l.figures()));
              }
            }
          }
        }
      }
      if (plan.latencyRealTime) {
        String variant = "grep on kafka, structured, real-time mode";
        Latencies l = measure("kafka", "grep", "structured", 0,
            Files.createDirectories(dir.resolve("run-" + run)), broker, variant);
        record(report, bars, variant, l, false);
        report.goal(new Goal(REAL_TIME_GOAL, REAL_TIME_TARGET, l.p99Text(),
            Goal.verdict(l.p99() < 50), l.figures()));
      }
      report.chart.add(new Chart.Panel("latency: ms from a line written to its result out, p99",
          "lower is better", bars));
    } finally {
      if (broker != null) {
        broker.close();
      }
      StreamRun.deleteTree(dir);
    }
  }

  private static void record(Report report, List<Chart.Bar> bars, String variant, Latencies l,
      boolean project) {
    report.row(new Row(NAME, variant, -1, l.records(), l.p50(), l.mean(), Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, l.figures()));
    report.say("latency: " + variant + ": " + l.figures());
    if (l.behind() != null) {
      return; // no figure to chart
    }
    bars.add(new Chart.Bar(variant + ", p99", l.p99(), Formats.ms(l.p99()) + " ms",
        project ? Chart.Kind.PROJECT : Chart.Kind.OTHER));
  }

  /**
   * p50, p99, max and mean of the records of the measured span, in ms; or, for a driver that
   * fell behind, why there are none ({@code behind}).
   */
  record Latencies(int records, double p50, double p99, double max, double mean, String behind) {
    static Latencies fellBehind(int records, String why) {
      return new Latencies(records, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    String figures() {
      return behind != null ? behind : String.format(Locale.ROOT,
          "p50 %s ms, p99 %s ms, max %s ms over %d records", Formats.ms(p50), Formats.ms(p99),
          Formats.ms(max), records);
    }

    String p99Text() {
      return behind != null ? "fell behind" : "p99 " + Formats.ms(p99) + " ms";
    }
  }

  /** One driver's latencies; {@code batchMs} 0 runs it in real-time mode. */
  private Latencies measure(String source, String pipeline, String engine, long batchMs,
      Path dir, KafkaBroker broker, String variant) throws Exception {
    Map<Long, Long> written = new ConcurrentHashMap<>();
    Map<Long, Long> out = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Path prefix = dir.resolve("out/wc");
    boolean realTime = batchMs == 0;
    long durationMs = realTime ? plan.latencyRealTimeDurationMs : plan.latencyDurationMs;
    List<String> args = new ArrayList<>(List.of("--engine", engine, "--pipeline", pipeline,
        "--duration", durationMs + "ms"));
    args.addAll(realTime ? List.of("--trigger", "realtime", "--master", REAL_TIME_MASTER)
        : List.of("--batch", batchMs + "ms", "--no-print", "--output", prefix.toString()));
    if (pipeline.equals("grep")) {
      args.addAll(List.of("--match", "lat"));
    }
    Thread writer;
    ServerSocket server = null;
    try {
      if (source.equals("socket")) {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        args.addAll(List.of("--source", "socket", "--host", "127.0.0.1", "--port",
            Integer.toString(server.getLocalPort())));
        ServerSocket s = server;
        writer = daemon(() -> writeToSocket(s, written, stop));
      } else {
        String topic = topicOf(dir);
        broker.createTopic(topic);
        args.addAll(List.of("--source", "kafka", "--brokers", broker.bootstrap(), "--topics",
            topic, "--group-id", topic, "--starting-offsets", "latest"));
        writer = daemon(() -> produce(broker.bootstrap(), topic, written, stop));
      }
      Set<Path> done = ConcurrentHashMap.newKeySet();
      long[] read = new long[1];
      Path console = dir.resolve(DriverRun.STDOUT);
      Runnable look = realTime ? () -> readConsole(console, read, out)
          : () -> pollOnce(prefix, out, done);
      Thread poller = daemon(() -> poll(look, stop));
      // The duration, the driver's start and a bounded stop.
      DriverRun driver = DriverRun.run(home, dir, args, durationMs + 120_000);
      stop.set(true);
      writer.join(10_000);
      poller.join(10_000);
      if (driver.exit() != 0 && driver.exit() != 4) {
        throw new IllegalStateException(variant + ": the driver exited " + driver.exit());
      }
      look.run(); // results out since the last look
      // Records the group has not committed are still in the topic for its next run.
      long unread = source.equals("kafka") ? written.size() - broker.committed(topicOf(dir)) : 0;
      return latencies(variant, written, out, batchMs, driver.exit(), unread);
    } finally {
      stop.set(true);
      if (server != null) {
        server.close();
      }
    }
  }

  /** The topic, and the group, of the run in {@code dir}. */
  private static String topicOf(Path dir) {
    return "latency-" + dir.getFileName();
  }

  /**
   * The records written after the warm-up, counted from the moment the first result came out
   * (records written before it are the start's backlog, not the steady state), and before the
   * stop's last batches: each must have come out; their latencies.
   */
  private Latencies latencies(String variant, Map<Long, Long> written, Map<Long, Long> out,
      long batchMs, int exit, long unread) {
    long firstOut = Long.MAX_VALUE;
    for (Map.Entry<Long, Long> o : out.entrySet()) {
      if (o.getValue() < 0) {
        throw new IllegalStateException(variant + ": record " + o.getKey() + " came out twice");
      }
      firstOut = Math.min(firstOut, o.getValue());
    }
    long lastWritten = written.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long from = firstOut + plan.latencyWarmupMs;
    long to = lastWritten - 2_000 - 3 * batchMs;
    List<Long> ms = new ArrayList<>();
    int missing = 0;
    for (Map.Entry<Long, Long> w : written.entrySet()) {
      if (w.getValue() < from || w.getValue() > to) {
        continue;
      }
      Long seen = out.get(w.getKey());
      if (seen == null) {
        missing++;
      } else {
        ms.add(seen - w.getValue());
      }
    }
    // A driver that could not keep up: the stop dropped its queued batches (exit 4), or
    // backpressure left the records in the topic, uncommitted, for the group's next run. Any
    // other record that did not come out is lost, and fails the measure.
    if (missing > 0 && (exit == 4 || missing <= unread)) {
      return Latencies.fellBehind(missing + ms.size(), String.format(Locale.ROOT,
          "fell behind: %d of %d records of the measured span %s", missing, missing + ms.size(),
          exit == 4 ? "were still queued when the stop dropped its batches (exit 4)"
              : "were still in the topic at the stop, for the group's next run"));
    }
    if (missing > 0 || ms.size() < 10) {
      throw new IllegalStateException(variant + ": " + missing + " of " + (missing + ms.size())
          + " records of the measured span never came out");
    }
    ms.sort(null);
    return new Latencies(ms.size(), Stats.median(ms), ms.get((int) (0.99 * (ms.size() - 1))),
        ms.get(ms.size() - 1), Stats.mean(ms), null);
  }

  /** Accepts the driver's connection and writes a timestamped line every period until stopped. */
  private void writeToSocket(ServerSocket server, Map<Long, Long> written, AtomicBoolean stop) {
    try {
      server.setSoTimeout(1_000);
      while (!stop.get()) {
        try (Socket s = server.accept(); OutputStream o = s.getOutputStream()) {
          long seq = written.size();
          while (!stop.get()) {
            long now = System.currentTimeMillis();
            o.write(("lat" + seq + "x" + now + "\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
            written.put(seq++, now);
            sleepUntilNext();
          }
        } catch (java.net.SocketTimeoutException e) {
          // no driver connected yet
        } catch (IOException e) {
          // the driver went away (its stop): a reconnect, if any, continues the sequence
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Produces a timestamped record every period until stopped. */
  private void produce(String bootstrap, String topic, Map<Long, Long> written,
      AtomicBoolean stop) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (long seq = 0; !stop.get(); seq++) {
        long now = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(topic, "lat" + seq + "x" + now));
        written.put(seq, now);
        sleepUntilNext();
      }
    }
  }

  private void sleepUntilNext() {
    try {
      Thread.sleep(1_000 / plan.latencyLinesPerSecond);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "latency-bench");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Looks at the output every {@value #POLL_MS} ms until stopped. */
  private static void poll(Runnable look, AtomicBoolean stop) {
    while (!stop.get()) {
      look.run();
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Reads each completed batch not read yet: its records came out now (-1: seen twice). */
  private static void pollOnce(Path prefix, Map<Long, Long> out, Set<Path> done) {
    for (Path batch : OutputFiles.batchDirs(prefix).values()) {
      if (done.contains(batch) || !Files.exists(batch.resolve("_SUCCESS"))) {
        continue;
      }
      long now = System.currentTimeMillis();
      done.add(batch);
      for (String line : OutputFiles.lines(batch)) {
        cameOut(line, now, out);
      }
    }
  }

  /**
   * Reads the lines the driver printed since the last read ({@code read[0]}, a byte offset of
   * its stdout, moved past whole lines only): their records came out now. Only the new bytes are
   * read, so the look every few ms costs the machine the driver runs on next to nothing.
   */
  private static void readConsole(Path stdout, long[] read, Map<Long, Long> out) {
    byte[] fresh;
    try (RandomAccessFile f = new RandomAccessFile(stdout.toFile(), "r")) {
      long length = f.length();
      if (length <= read[0]) {
        return;
      }
      fresh = new byte[(int) (length - read[0])];
      f.seek(read[0]);
      f.readFully(fresh);
    } catch (IOException e) {
      return; // not written yet
    }
    long now = System.currentTimeMillis();
    int end = fresh.length;
    while (end > 0 && fresh[end - 1] != '\n') {
      end--;
    }
    read[0] += end;
    new String(fresh, 0, end, StandardCharsets.UTF_8).lines()
        .forEach(line -> cameOut(line, now, out));
  }

  /** Notes that {@code line}'s record came out at {@code now} (-1: twice, or a count above 1). */
  private static void cameOut(String line, long now, Map<Long, Long> out) {
    Matcher m = TOKEN.matcher(line);
    if (m.find()) {
      long seq = Long.parseLong(m.group(1));
      boolean counted = m.group(3) == null || m.group(3).equals("1");
      if (out.putIfAbsent(seq, counted ? now : -1) != null || !counted) {
        out.put(seq, -1L);
      }
    }
  }
}
