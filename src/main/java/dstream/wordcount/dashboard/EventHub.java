package dstream.wordcount.dashboard;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans Server-Sent Events out to the connected pages. Publishing never blocks: each client has a
 * bounded queue, and a client whose queue is full (a slow or stuck browser) is dropped instead of
 * slowing down the caller, which is the batch's output operation. A dropped page reconnects by
 * itself and gets a full snapshot, so it loses nothing but time.
 */
public final class EventHub {
  private final int queueCapacity;
  private final int maxClients;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /** A hub whose clients each buffer at most {@code queueCapacity} events. */
  public EventHub(int queueCapacity, int maxClients) {
    this.queueCapacity = queueCapacity;
    this.maxClients = maxClients;
  }

  /** A new client, or null when {@code maxClients} are connected or the hub is closed. */
  public Client join() {
    synchronized (clients) {
      if (closed || clients.size() >= maxClients) {
        return null;
      }
      Client c = new Client(queueCapacity);
      clients.add(c);
      return c;
    }
  }

  /** Queues one event for every client, dropping the clients that cannot take it. */
  public void publish(String event, String data) {
    String message = "event: " + event + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n";
    for (Client c : clients) {
      if (!c.queue.offer(message)) {
        c.open = false;
        clients.remove(c);
        dropped.incrementAndGet();
      }
    }
  }

  /** Ends every client once it has sent what it holds; no client can join afterwards. */
  public void close() {
    synchronized (clients) {
      closed = true;
      for (Client c : clients) {
        c.open = false;
      }
      clients.clear();
    }
  }

  /** Clients connected now. */
  public int clients() {
    return clients.size();
  }

  /** Clients dropped because they fell behind. */
  public long dropped() {
    return dropped.get();
  }

  /** One connected page: the writer thread of its response takes events from here. */
  public static final class Client {
    private final BlockingQueue<String> queue;
    private volatile boolean open = true;

    private Client(int capacity) {
      queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * The next event, waiting at most {@code timeoutMs}: an SSE message, {@code ""} when nothing
     * came in time (the writer sends a keep-alive), or null once the client was dropped or the hub
     * closed and nothing is left to send.
     */
    public String next(long timeoutMs) throws InterruptedException {
      String m = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
      if (m != null) {
        return m;
      }
      return open ? "" : queue.poll();
    }

    /** False once dropped or closed. */
    public boolean isOpen() {
      return open;
    }

    /** Events waiting to be sent. */
    public int queued() {
      return queue.size();
    }
  }

  /** Removes {@code c} (its page went away). */
  public void leave(Client c) {
    c.open = false;
    clients.remove(c);
  }
}
