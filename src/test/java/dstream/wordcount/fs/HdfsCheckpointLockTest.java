package dstream.wordcount.fs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointOwner;
import dstream.wordcount.testing.Hdfs;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint lock on a real HDFS ({@code bin/hdfs-local}), no Spark: atomic creation at the
 * NameNode, renewal by rewriting, and the lease measured in the NameNode's clock, with a short
 * lease. A holder "on another machine" is a lock file naming another host, as a driver elsewhere
 * in a cluster would write it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HdfsCheckpointLockTest {
  private static final long LEASE_MS = 2_000;
  private static final long RENEW_MS = 300;
  private static final CheckpointOwner ELSEWHERE = new CheckpointOwner("elsewhere", 42, "", "",
      Instant.parse("2026-12-05T07:10:02Z"), 0, false);

  @TempDir static Path shared;
  private static Hdfs hdfs;

  @BeforeAll
  static void startHdfs() {
    hdfs = Hdfs.start(shared.resolve("hdfs"));
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.stop();
    }
  }

  private static CheckpointLock take(String dir, CheckpointOwner who) throws Exception {
    FileSystem fs = FileSystem.newInstance(URI.create(hdfs.uri()), new Configuration());
    return CheckpointLock.acquire(fs, new org.apache.hadoop.fs.Path(hdfs.uri(dir)), who, LEASE_MS,
        RENEW_MS, "--checkpoint " + hdfs.uri(dir));
  }

  @Test
  void aRenewingDriverElsewhereIsRefusedAndItsStopFreesTheDirectory() throws Exception {
    CheckpointLock remote = take("/wc/held", ELSEWHERE);
    long t0 = System.currentTimeMillis();
    UsageException e = assertThrows(UsageException.class,
        () -> take("/wc/held", CheckpointOwner.thisProcess()));
    assertTrue(e.getMessage().contains("in use by another driver (" + ELSEWHERE.describe() + ")"),
        e.getMessage());
    assertTrue(System.currentTimeMillis() - t0 < LEASE_MS, "refused once it saw a renewal");
    remote.close();
    t0 = System.currentTimeMillis();
    take("/wc/held", CheckpointOwner.thisProcess()).close();
    assertTrue(System.currentTimeMillis() - t0 < LEASE_MS, "a released lock is free at once");
  }

  @Test
  void aDriverElsewhereThatStoppedRenewingIsTakenOverAfterTheLease() throws Exception {
    try (OutputStream out = hdfs.fs().create(new org.apache.hadoop.fs.Path("/wc/stale/wordcount-lock.4"))) {
      out.write(ELSEWHERE.toText().getBytes(StandardCharsets.UTF_8));
    }
    long t0 = System.currentTimeMillis();
    try (CheckpointLock lock = take("/wc/stale", CheckpointOwner.thisProcess())) {
      long waited = System.currentTimeMillis() - t0;
      assertTrue(waited >= LEASE_MS - 500 && waited < LEASE_MS + 5_000, "waited " + waited + " ms");
      assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/wc/stale/wordcount-lock.5")));
      assertThrows(UsageException.class,
          () -> CheckpointLock.acquire("checkpoint", hdfs.uri("/wc/stale"), Map.of()));
    }
  }
}
