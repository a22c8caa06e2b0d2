package dstream.wordcount.broker;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The small helper behind {@code bin/kafka-local}, run on the broker's own classpath:
 * <ul>
 *   <li>{@code free-port}: prints a loopback port nothing listens on (for the controller listener);
 *   <li>{@code await BOOTSTRAP TIMEOUT_MS PID}: waits until the broker answers a metadata request
 *       through Kafka's AdminClient (exit 0), the process PID dies (exit 3) or the time is up
 *       (exit 1);
 *   <li>{@code ping BOOTSTRAP TIMEOUT_MS}: exit 0 when the broker answers within the time.
 * </ul>
 * A listening port is not enough: the broker accepts connections before its KRaft controller has
 * elected itself, and clients then get errors. {@code describeCluster} succeeds only once the
 * broker serves metadata.
 */
public final class BrokerProbe {
  private static final long ATTEMPT_MS = 2_000;
  private static final long PAUSE_MS = 250;

  private BrokerProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("free-port")) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        System.out.println(s.getLocalPort());
      }
      return;
    }
    if (args.length == 4 && args[0].equals("await")) {
      System.exit(await(args[1], Long.parseLong(args[2]), Long.parseLong(args[3])));
    }
    if (args.length == 3 && args[0].equals("ping")) {
      System.exit(answers(args[1], Long.parseLong(args[2])) ? 0 : 1);
    }
    System.err.println("usage: BrokerProbe free-port | await BOOTSTRAP TIMEOUT_MS PID | ping BOOTSTRAP TIMEOUT_MS");
    System.exit(2);
  }

  private static int await(String bootstrap, long timeoutMs, long pid) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return 3;
      }
      long left = deadline - System.currentTimeMillis();
      if (answers(bootstrap, Math.max(1, Math.min(ATTEMPT_MS, left)))) {
        return 0;
      }
      Thread.sleep(PAUSE_MS);
    }
    return 1;
  }

  /** True when a metadata request to {@code bootstrap} succeeds within {@code timeoutMs}. */
  static boolean answers(String bootstrap, long timeoutMs) {
    Properties p = new Properties();
    p.putAll(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
          .nodes().get();
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
