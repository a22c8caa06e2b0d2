package dstream.wordcount.fs;

import dstream.wordcount.core.CheckpointOwner;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.ipc.RemoteException;

/**
 * The lock files of a checkpoint directory, {@code DIR/wordcount-lock.<n>}: the one with the
 * highest {@code n} is the lock, and taking the lock is creating the file with the next number.
 * Creating a file that must not exist yet is atomic on every file system (the NameNode decides on
 * HDFS, {@code O_EXCL} on local disk), so of two drivers that both found the lock free, or both
 * found it stale, exactly one gets it, and nothing is ever deleted while it may still be read.
 */
final class LockFiles {
  static final String PREFIX = "wordcount-lock.";
  private static final int READ_ATTEMPTS = 20;
  private static final long READ_RETRY_MS = 50;

  /** The current lock: its number, when it was last written, and what it says (null: unreadable). */
  record Top(long generation, long modifiedMs, CheckpointOwner owner) {}

  private final FileSystem fs;
  private final Path dir;

  LockFiles(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /** True for a lock file's name, so checks of what a directory holds can leave it out. */
  static boolean isLockFile(String name) {
    return name.startsWith(PREFIX);
  }

  /** The lock file with the highest number, or null when there is none. */
  Top highest() throws IOException {
    for (int attempt = 1; ; attempt++) {
      FileStatus top = null;
      long highest = 0;
      for (FileStatus st : list()) {
        long n = generation(st.getPath().getName());
        if (n > highest) {
          highest = n;
          top = st;
        }
      }
      if (top == null) {
        return null;
      }
      CheckpointOwner owner = read(top.getPath());
      // A file being created or rewritten reads incomplete for a moment.
      if (owner != null || attempt == READ_ATTEMPTS) {
        return new Top(highest, top.getModificationTime(), owner);
      }
      sleep(READ_RETRY_MS);
    }
  }

  /** Creates lock file {@code generation}; false when it exists already (another driver won). */
  boolean create(long generation, CheckpointOwner owner) throws IOException {
    Path p = path(generation);
    byte[] text = owner.toText().getBytes(StandardCharsets.UTF_8);
    if (fs instanceof RawLocalFileSystem local) {
      try {
        Files.write(local.pathToFile(p).toPath(), text, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(p, false)) {
      out.write(text);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (RemoteException e) { // being created by another client right now
      if (e.unwrapRemoteException() instanceof org.apache.hadoop.fs.FileAlreadyExistsException
          || e.getClassName().endsWith("AlreadyBeingCreatedException")) {
        return false;
      }
      throw e;
    }
  }

  /** Rewrites the holder's own lock file: its renewal, or its release. */
  void rewrite(long generation, CheckpointOwner owner) throws IOException {
    Path p = path(generation);
    byte[] text = owner.toText().getBytes(StandardCharsets.UTF_8);
    if (fs instanceof RawLocalFileSystem local) {
      java.nio.file.Path target = local.pathToFile(p).toPath();
      java.nio.file.Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
      Files.write(tmp, text);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (OutputStream out = fs.create(p, true)) {
      out.write(text);
    }
  }

  /** Deletes the lock files below {@code generation}: superseded, nobody reads them again. */
  void deleteBelow(long generation) throws IOException {
    for (FileStatus st : list()) {
      if (generation(st.getPath().getName()) < generation) {
        fs.delete(st.getPath(), false);
      }
    }
  }

  /** The file system's clock now: the time it stamps on a file written now. */
  long clock() throws IOException {
    if (fs instanceof RawLocalFileSystem) {
      return System.currentTimeMillis();
    }
    Path probe = new Path(dir, ".wordcount-clock-" + UUID.randomUUID());
    try (OutputStream out = fs.create(probe, false)) {
      out.write('\n');
    }
    try {
      return fs.getFileStatus(probe).getModificationTime();
    } finally {
      fs.delete(probe, false);
    }
  }

  /** Where the lock files are, for messages. */
  Path dir() {
    return dir;
  }

  private Path path(long generation) {
    return new Path(dir, PREFIX + generation);
  }

  private FileStatus[] list() throws IOException {
    try {
      return fs.listStatus(dir, p -> isLockFile(p.getName()));
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  /** The number of a lock file, 0 for any other name. */
  private static long generation(String name) {
    try {
      return isLockFile(name) ? Long.parseLong(name.substring(PREFIX.length())) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private CheckpointOwner read(Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return CheckpointOwner.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading a lock file");
    }
  }
}
