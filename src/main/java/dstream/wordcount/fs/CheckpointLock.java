package dstream.wordcount.fs;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointOwner;
import dstream.wordcount.core.Periodic;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver per checkpoint directory: a lock held in the directory for the life of the run, on
 * any Hadoop file system ({@link LockFiles}). The holder rewrites its lock file every
 * {@value #RENEW_MS} ms (its lease); a stop marks it stopped, which frees the directory.
 *
 * <p>A driver that finds the directory locked is refused in one line naming the holder, unless
 * the holder is gone: on the same machine the operating system says so at once (a driver killed
 * with SIGKILL frees the directory immediately); a holder on another machine is gone once its lock
 * file has not been rewritten for {@value #LEASE_MS} ms, which a new driver waits out, saying so,
 * before it takes over.
 */
public final class CheckpointLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointLock.class);
  /** How often the holder rewrites its lock file. */
  public static final long RENEW_MS = 2_000;
  /** How long a lock file of another machine's driver may go unrenewed before it is stale. */
  public static final long LEASE_MS = 10_000;
  /** After Spark's own shutdown hook (40): the directory is released once Spark stopped. */
  private static final int HOOK_PRIORITY = 30;

  private final LockFiles files;
  private final FileSystem fs;
  private final long generation;
  private final ScheduledExecutorService renewer;
  private final Runnable hook = this::close;
  private CheckpointOwner me;
  private boolean lost;
  private boolean closed;
  /** What the lock's owner is called in lines, {@code --checkpoint DIR}. */
  private final String named;
  /** Where a full checkpoint directory is said; it ends the run. */
  private volatile Consumer<String> onFull = line -> {};
  /** A renewal failed and was said; the next success is said too. */
  private boolean failing;

  private CheckpointLock(LockFiles files, FileSystem fs, long generation, CheckpointOwner me,
      long renewMs, String named) {
    this.named = named;
    this.files = files;
    this.fs = fs;
    this.generation = generation;
    this.me = me;
    this.renewer = Periodic.start("checkpoint-lock-renewer", renewMs, renewMs, this::renew);
  }

  /**
   * Takes {@code dir} for this process, waiting out the lease of a holder on another machine
   * that stopped renewing it.
   *
   * @throws UsageException when another driver holds it, naming that driver
   */
  public static CheckpointLock acquire(String option, String dir, Map<String, String> sparkConf)
      throws UsageException {
    FileSystem fs = null;
    try {
      Path path = new Path(dir);
      fs = FileSystem.newInstance(path.toUri(), HadoopConf.of(sparkConf));
      if (fs instanceof ChecksumFileSystem local) {
        fs = local.getRawFileSystem(); // no .crc files beside the lock
      }
      CheckpointLock lock = acquire(fs, fs.makeQualified(path), CheckpointOwner.thisProcess(),
          LEASE_MS, RENEW_MS, "--" + option + " " + dir);
      ShutdownHookManager.get().addShutdownHook(lock.hook, HOOK_PRIORITY, 10, TimeUnit.SECONDS);
      return lock;
    } catch (IOException e) {
      closeQuietly(fs);
      throw new UsageException("--" + option + " " + dir + ": cannot lock it for this driver ("
          + e.getMessage() + "); choose a writable directory");
    } catch (UsageException e) {
      closeQuietly(fs);
      throw e;
    }
  }

  /** True for the files the lock keeps in a checkpoint directory (its own, not Spark's). */
  public static boolean isOwnFile(String name) {
    return LockFiles.isLockFile(name) || name.startsWith(".wordcount-");
  }

  /** {@link #acquire(String, String, Map)} on an open file system, with its times; for tests. */
  static CheckpointLock acquire(FileSystem fs, Path dir, CheckpointOwner me, long leaseMs,
      long renewMs, String named) throws IOException, UsageException {
    fs.mkdirs(dir);
    LockFiles files = new LockFiles(fs, dir);
    long generation = LockAcquisition.take(files, me, leaseMs, named);
    return new CheckpointLock(files, fs, generation, me, renewMs, named);
  }

  /** Rewrites the lock file; says once, loudly, when another driver took the directory over. */
  private synchronized void renew() {
    if (closed || lost) {
      return;
    }
    try {
      LockFiles.Top top = files.highest();
      if (top == null || top.generation() != generation) {
        lost = true;
        LOG.error("lost the lock of checkpoint {} to {}: this driver did not renew it for {} s"
            + " (suspended or cut off); stop this driver, two drivers now write that checkpoint",
            files.dir(), top == null || top.owner() == null ? "another driver"
            : "the driver on " + top.owner().describe(), LEASE_MS / 1000);
        return;
      }
      me = me.renewed();
      files.rewrite(generation, me);
      if (failing) {
        failing = false;
        LOG.info("the lock of checkpoint {} is renewed again", files.dir());
      }
    } catch (IOException | RuntimeException e) { // an exception would end the renewals for good
      String full = full(e);
      if (full != null) {
        onFull.accept(full);
      } else if (!failing) {
        LOG.warn("cannot renew the lock of checkpoint {} ({}); retrying every {} s, said again"
            + " when it works", files.dir(), e.getMessage(), RENEW_MS / 1000);
      }
      failing = true;
    }
  }

  /**
   * Ends the run through {@code fail} when the directory is full: Spark's DStream checkpoint
   * writer dies of it on a thread of its own and the batches go on without a checkpoint, so the
   * renewal, which writes there every {@value #RENEW_MS} ms, is what notices.
   */
  public void failWhenFull(Consumer<String> fail) {
    this.onFull = fail;
  }

  /**
   * The line saying the directory is full when the engine failed with {@code e}, or null when
   * that is not the cause: {@code e} is a lack of space while Spark wrote a checkpoint
   * ({@link FullCheckpoint}), or a lack of space somewhere and writing there now fails for it.
   */
  public synchronized String diagnose(Throwable e) {
    String reason = FullCheckpoint.reason(e);
    if (reason == null) {
      return null; // not a lack of space at all
    }
    if (FullCheckpoint.whileWritingCheckpoint(e)) {
      return line(reason);
    }
    if (closed || lost) {
      return null;
    }
    try {
      files.rewrite(generation, me);
      return null;
    } catch (IOException | RuntimeException written) {
      return full(written);
    }
  }

  /** The one line for a write refused for lack of space (or quota), else null. */
  private String full(Throwable e) {
    String reason = FullCheckpoint.reason(e);
    return reason == null ? null : line(reason);
  }

  private String line(String reason) {
    return named + ": cannot write (" + reason + "); the job stops, its last complete checkpoint"
        + " is kept: free space there, then start the job again with the same --checkpoint to go"
        + " on from it";
  }

  /** Marks the directory free: the next driver takes it at once. */
  @Override
  public void close() {
    renewer.shutdown(); // no interrupt: a renewal cut off mid-write would warn for nothing
    try {
      renewer.awaitTermination(2 * RENEW_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (!lost) {
          files.rewrite(generation, me.released());
        }
      } catch (IOException e) {
        LOG.warn("cannot release the lock of checkpoint {} ({}): the next driver on this machine"
            + " takes it over at once, one on another machine after its {} s lease", files.dir(),
            e.getMessage(), LEASE_MS / 1000);
      }
      closeQuietly(fs);
    }
    ShutdownHookManager manager = ShutdownHookManager.get();
    if (!manager.isShutdownInProgress()) {
      manager.removeShutdownHook(hook);
    }
  }

  private static void closeQuietly(FileSystem fs) {
    try {
      if (fs != null) {
        fs.close();
      }
    } catch (IOException e) {
      LOG.debug("closing the lock's file system", e);
    }
  }
}
