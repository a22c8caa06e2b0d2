package dstream.wordcount.core;

/**
 * Watches the lock file of a driver whose process cannot be asked (it runs on another machine):
 * the holder rewrites the file every few seconds, so a file that changes is held, and one that
 * has not changed for the lease is stale, its holder gone. Times are in the file system's clock
 * (a file's modification time is set by the file system: the NameNode on HDFS), so the clocks of
 * the two drivers' machines never need to agree.
 */
public final class LeaseWatch {
  /** What the watch says about the lock so far. */
  public enum Verdict {
    /** Renewed while watched: its holder is alive. */
    HELD,
    /** Not renewed for the whole lease: its holder is gone. */
    STALE,
    /** Neither yet: look again. */
    WAIT
  }

  private final long leaseMs;
  private long generation = -1;
  private long modified;

  /** A watch that calls a lock stale once it has not changed for {@code leaseMs}. */
  public LeaseWatch(long leaseMs) {
    this.leaseMs = leaseMs;
  }

  /**
   * One look at the lock file of {@code generation}, last modified at {@code modifiedMs}, when the
   * file system's clock says {@code nowMs}.
   */
  public Verdict observe(long generation, long modifiedMs, long nowMs) {
    if (generation != this.generation) {
      this.generation = generation;
      this.modified = modifiedMs;
    } else if (modifiedMs != modified) {
      return Verdict.HELD;
    }
    return nowMs - modified > leaseMs ? Verdict.STALE : Verdict.WAIT;
  }

  /** How long the lease has left at {@code nowMs}, for the line that says why a start waits. */
  public long remainingMs(long nowMs) {
    return Math.max(0, modified + leaseMs - nowMs);
  }
}
