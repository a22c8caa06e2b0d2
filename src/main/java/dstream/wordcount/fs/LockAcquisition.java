package dstream.wordcount.fs;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointOwner;
import dstream.wordcount.core.LeaseWatch;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking a checkpoint directory's lock ({@link CheckpointLock}): a free directory, or one whose
 * holder stopped or is gone, gets the next lock file; a holder on this machine that still runs
 * is a refusal naming it; one on another machine is waited for until its lease runs out.
 */
final class LockAcquisition {
  /** The lock's own lines, under its name. */
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointLock.class);
  private static final long POLL_MS = 250;

  private LockAcquisition() {}

  /**
   * Takes the directory of {@code files} for {@code me}.
   *
   * @return the generation of the lock file now held
   * @throws UsageException when another driver holds it, naming that driver
   */
  static long take(LockFiles files, CheckpointOwner me, long leaseMs, String named)
      throws IOException, UsageException {
    LeaseWatch watch = new LeaseWatch(leaseMs);
    long clockOffset = Long.MIN_VALUE; // file system clock minus ours, measured when needed
    boolean said = false;
    long deadline = System.currentTimeMillis() + leaseMs + 30_000; // a bound, never reached
    while (System.currentTimeMillis() < deadline) {
      LockFiles.Top top = files.highest();
      long next = top == null ? 1 : top.generation() + 1;
      CheckpointOwner holder = top == null ? null : top.owner();
      boolean free = top == null || (holder != null && holder.stopped());
      if (!free && holder != null && holder.sameMachine(me)) {
        if (holder.processAlive()) {
          throw refusal(named, holder);
        }
        LOG.info("{}: the driver that held it ({}) is gone; taking over", named, holder.describe());
        free = true;
      }
      if (!free) {
        if (clockOffset == Long.MIN_VALUE) {
          clockOffset = files.clock() - System.currentTimeMillis();
        }
        long now = System.currentTimeMillis() + clockOffset;
        LeaseWatch.Verdict v = watch.observe(top.generation(), top.modifiedMs(), now);
        if (v == LeaseWatch.Verdict.HELD) {
          throw refusal(named, holder);
        }
        free = v == LeaseWatch.Verdict.STALE;
        if (free) {
          LOG.info("{}: the lease of {} ran out ({} s without renewal); taking over", named,
              holder == null ? "an unreadable lock" : "the driver on " + holder.describe(),
              leaseMs / 1000);
        } else if (!said) {
          said = true;
          LOG.info("{} is locked by {}, on another machine: waiting up to {} s for its lease to"
              + " run out", named, holder == null ? "a driver" : "the driver on "
              + holder.describe(), (watch.remainingMs(now) + 999) / 1000);
        }
      }
      if (free && files.create(next, me) && isHighest(files, next)) {
        files.deleteBelow(next);
        return next;
      }
      sleep(free ? 0 : POLL_MS);
    }
    throw new IOException("the lock files there kept changing");
  }

  /** After creating it: no driver raced past it with a higher number (it would hold the lock). */
  private static boolean isHighest(LockFiles files, long generation) throws IOException {
    LockFiles.Top top = files.highest();
    return top != null && top.generation() == generation;
  }

  private static UsageException refusal(String named, CheckpointOwner holder) {
    return new UsageException(named + " is in use by another driver (" + (holder == null
        ? "its lock file is unreadable" : holder.describe()) + "); stop that driver first, or pass"
        + " another --checkpoint directory");
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a checkpoint lock");
    }
  }
}
