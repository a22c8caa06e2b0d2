package dstream.wordcount.engine.structured;

import dstream.wordcount.live.RunFailure;
import dstream.wordcount.text.BoundedLines;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of one socket query, as Spark's socket source does it: a thread reads the
 * connection's lines into a buffer, each trigger's end offset is the number of lines read so far
 * ({@link LineOffset}), a micro-batch's lines travel in its tasks, and committed lines are
 * dropped. Like Spark's, it keeps nothing a restart could resume from, so a query on it is not
 * recoverable, and the first connection is made when the query starts (nothing listening there
 * fails the query in one line). Unlike Spark's, lines are read with {@link BoundedLines}, so a
 * line longer than {@link LineLimit} is skipped with one WARN, and a connection that ends is
 * tried again every {@value #RETRY_MS} ms, said once when lost and once when back.
 *
 * <p>Flow control, as the DStream receiver's rate limit does it: a micro-batch takes at most
 * {@code maxLines} lines ({@link SupportsAdmissionControl}), and the reader stops reading while
 * {@value #BUFFERED_BATCHES} micro-batches of lines wait, so a flood fills the sender's socket
 * buffer (TCP pushes back), not the driver's heap. Spark's socket source has neither.
 */
final class SocketMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl {
  private static final Logger LOG = LoggerFactory.getLogger(SocketMicroBatchStream.class);
  static final long RETRY_MS = 2_000;
  /** Micro-batches of lines the reader buffers at most before it waits. */
  static final int BUFFERED_BATCHES = 10;
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final String host;
  private final int port;
  private final String where;
  private final long maxLines;
  private final Thread reader;
  /** Lines read and not yet committed; the first is line {@link #dropped}. */
  private final List<String> buffer = new ArrayList<>();
  private long dropped;
  private volatile boolean stopped;
  private volatile Socket socket;

  /**
   * Connects to {@code host:port} now and starts reading.
   *
   * @param maxLines lines per micro-batch at most
   */
  SocketMicroBatchStream(String host, int port, long maxLines) {
    this.host = host;
    this.port = port;
    this.where = host + ":" + port;
    this.maxLines = maxLines;
    try {
      socket = connect();
    } catch (IOException e) {
      throw new RunFailure("socket source: cannot connect to " + where + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); start a line server"
          + " there, e.g. `nc -lk " + port + "` or `bin/word-server --port " + port + "`", e);
    }
    reader = new Thread(this::readAll, "socket-source " + where);
    reader.setDaemon(true);
    reader.start();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Reads connection after connection until stopped. */
  private void readAll() {
    boolean lost = false;
    while (!stopped) {
      try (Socket s = socket != null ? socket : connect()) {
        socket = s;
        if (lost) {
          LOG.info("socket source: connected to {} again", where);
          lost = false;
        }
        BoundedLines lines = new BoundedLines(s.getInputStream(),
            n -> LOG.warn(LineLimit.skipped("socket", "line " + n + " from " + where)));
        while (lines.hasNext()) {
          String line = lines.next();
          synchronized (this) {
            while (!stopped && buffer.size() >= BUFFERED_BATCHES * maxLines) {
              wait(); // until a commit drops lines: the sender waits meanwhile
            }
            buffer.add(line);
          }
        }
        lost = sayLost(lost, "closed the connection");
      } catch (IOException | UncheckedIOException e) {
        lost = sayLost(lost, e.getMessage());
      } catch (InterruptedException e) {
        return; // stopped
      }
      socket = null;
      sleep();
    }
  }

  /** Says once that the connection is gone; true from then on. */
  private boolean sayLost(boolean lost, String why) {
    if (!lost && !stopped) {
      LOG.warn("socket source: {} {}; trying again every {} s (a line server keeps nothing for"
          + " a client that is away: what it sends meanwhile is not read)", where, why,
          RETRY_MS / 1000);
    }
    return true;
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  @Override
  public Offset initialOffset() {
    return new LineOffset(0);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.maxRows(maxLines);
  }

  /** Never called: Spark asks a source with admission control the one below. */
  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException("the socket source admits a bounded number of lines"
        + " per micro-batch: call latestOffset(start, limit)");
  }

  /** The lines read after {@code start}, at most the limit's rows and {@code maxLines}. */
  @Override
  public synchronized Offset latestOffset(Offset start, ReadLimit limit) {
    long max = limit instanceof ReadMaxRows rows ? Math.min(rows.maxRows(), maxLines) : maxLines;
    long from = LineOffset.lineOf(start);
    return new LineOffset(Math.min(dropped + buffer.size(), from + max));
  }

  /**
   * The lines between two offsets, in contiguous slices (so their order survives) over the
   * session's default parallelism, so that tokenizing a big micro-batch uses every core.
   */
  @Override
  public synchronized InputPartition[] planInputPartitions(Offset start, Offset end) {
    long from = LineOffset.lineOf(start);
    long to = LineOffset.lineOf(end);
    if (from < dropped) {
      throw new IllegalStateException("socket source: lines " + from + " to " + dropped
          + " were committed and dropped; a socket keeps nothing to read them again from");
    }
    List<String> lines = new ArrayList<>(buffer.subList((int) (from - dropped),
        (int) (to - dropped)));
    int slices = (int) Math.min(lines.size(), parallelism());
    InputPartition[] partitions = new InputPartition[slices];
    for (int i = 0; i < slices; i++) {
      int a = (int) ((long) lines.size() * i / slices);
      int b = (int) ((long) lines.size() * (i + 1) / slices);
      partitions[i] = new LinesPartition(List.copyOf(lines.subList(a, b)));
    }
    return partitions;
  }

  private static int parallelism() {
    return SparkSession.active().sparkContext().defaultParallelism();
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new LinesReader.Factory();
  }

  @Override
  public Offset deserializeOffset(String json) {
    return LineOffset.parse(json);
  }

  /** The lines up to {@code end} are processed: dropped. */
  @Override
  public synchronized void commit(Offset end) {
    long upTo = Math.min(LineOffset.lineOf(end), dropped + buffer.size());
    if (upTo > dropped) {
      buffer.subList(0, (int) (upTo - dropped)).clear();
      dropped = upTo;
      notifyAll(); // the reader may read on
    }
  }

  @Override
  public void stop() {
    stopped = true;
    synchronized (this) {
      notifyAll();
    }
    Socket s = socket;
    if (s != null) {
      try {
        s.close(); // ends a blocked read
      } catch (IOException e) {
        LOG.debug("closing the socket to {}", where, e);
      }
    }
    reader.interrupt();
  }

  @Override
  public String toString() {
    return "socket " + where;
  }
}
