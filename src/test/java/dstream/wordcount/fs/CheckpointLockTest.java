package dstream.wordcount.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint lock through Hadoop's FileSystem API on local disk, with a short lease: a holder
 * on this machine is asked of the operating system, one on another machine by its lease.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointLockTest {
  private static final long LEASE_MS = 1_500;
  private static final long RENEW_MS = 300;
  private static final CheckpointOwner REMOTE = new CheckpointOwner("elsewhere", 42, "", "",
      Instant.parse("2026-12-05T07:10:02Z"), 0, false);

  @TempDir Path tmp;

  private CheckpointLock take(CheckpointOwner who) throws Exception {
    FileSystem fs = new RawLocalFileSystem();
    fs.initialize(fs.getUri(), new Configuration());
    return CheckpointLock.acquire(fs, new org.apache.hadoop.fs.Path(tmp.toUri()), who, LEASE_MS,
        RENEW_MS, "--checkpoint " + tmp);
  }

  @Test
  void aLiveHolderHereIsNamedInTheRefusalAndAStopFreesTheDirectory() throws Exception {
    CheckpointOwner me = CheckpointOwner.thisProcess();
    try (CheckpointLock first = take(me)) {
      UsageException e = assertThrows(UsageException.class, () -> take(me));
      assertEquals("--checkpoint " + tmp + " is in use by another driver (" + me.describe()
          + "); stop that driver first, or pass another --checkpoint directory", e.getMessage());
    }
    try (CheckpointLock second = take(me)) {
      assertEquals(1, lockFiles(), "the superseded lock file is gone");
    }
  }

  @Test
  void aDeadHolderHereIsTakenOverAtOnce() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    CheckpointOwner me = CheckpointOwner.thisProcess();
    Files.writeString(tmp.resolve("wordcount-lock.7"), new CheckpointOwner(me.host(), done.pid(),
        me.pidSpace(), "", me.started(), 5, false).toText());
    long t0 = System.currentTimeMillis();
    take(me).close();
    assertTrue(System.currentTimeMillis() - t0 < LEASE_MS, "no lease to wait for");
    assertTrue(Files.exists(tmp.resolve("wordcount-lock.8")));
  }

  @Test
  void anUnrenewedHolderElsewhereIsTakenOverWhenItsLeaseRunsOut() throws Exception {
    Files.writeString(tmp.resolve("wordcount-lock.1"), REMOTE.toText());
    long t0 = System.currentTimeMillis();
    take(CheckpointOwner.thisProcess()).close();
    long waited = System.currentTimeMillis() - t0;
    assertTrue(waited >= LEASE_MS - 100 && waited < LEASE_MS + 2_000, "waited " + waited + " ms");
  }

  @Test
  void aLongStaleHolderElsewhereIsTakenOverAtOnce() throws Exception {
    Path lock = Files.writeString(tmp.resolve("wordcount-lock.1"), REMOTE.toText());
    Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    long t0 = System.currentTimeMillis();
    take(CheckpointOwner.thisProcess()).close();
    assertTrue(System.currentTimeMillis() - t0 < LEASE_MS);
  }

  @Test
  void aRenewingHolderElsewhereIsRefusedWithinARenewal() throws Exception {
    try (CheckpointLock remote = take(REMOTE)) {
      long t0 = System.currentTimeMillis();
      UsageException e = assertThrows(UsageException.class,
          () -> take(CheckpointOwner.thisProcess()));
      assertTrue(e.getMessage().contains("(host elsewhere, pid 42, started 2026-12-05 07:10:02 UTC)"),
          e.getMessage());
      assertTrue(System.currentTimeMillis() - t0 < LEASE_MS, "refused before the lease ran out");
    }
  }

  @Test
  void lockFilesDoNotMakeADirectoryNonEmpty() {
    assertTrue(CheckpointLock.isOwnFile("wordcount-lock.3"));
    assertTrue(CheckpointLock.isOwnFile(".wordcount-lock.3.tmp"));
    assertTrue(!CheckpointLock.isOwnFile("checkpoint-1795240764000"));
  }

  @Test
  void theProductionEntryLocksALocalPath() throws Exception {
    try (CheckpointLock lock = CheckpointLock.acquire("checkpoint", tmp.toString(), Map.of())) {
      assertThrows(UsageException.class,
          () -> CheckpointLock.acquire("checkpoint", tmp.toString(), Map.of()));
    }
    CheckpointLock.acquire("checkpoint", tmp.toString(), Map.of()).close();
    assertTrue(CheckpointOwner.parse(Files.readString(tmp.resolve("wordcount-lock.2"))).stopped());
  }

  private long lockFiles() throws Exception {
    try (var files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("wordcount-lock.")).count();
    }
  }
}
