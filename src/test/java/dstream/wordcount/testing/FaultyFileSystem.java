package dstream.wordcount.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A Hadoop file system for the test scheme {@code faulty://}: the local disk, whose writes fail
 * on demand, so an output can fail for real (an executor task throws, Spark fails the output
 * operation) where no real store is at hand. Register it for a job with the conf key
 * {@code spark.hadoop.fs.faulty.impl = dstream.wordcount.testing.FaultyFileSystem} and write with
 * {@code --output faulty:///abs/path/prefix}.
 *
 * <p>Only writes of data fail, not the creation of files: an empty batch still writes its empty
 * {@code part-*} files and succeeds, so the first batch that fails is the first one with records
 * after {@link #failWrites} is switched on. The switch is static because the test, the driver and
 * the local executors share one JVM.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {
  /** The scheme this file system serves. */
  public static final String SCHEME = "faulty";

  private static volatile boolean failing;
  private static final AtomicInteger REFUSED = new AtomicInteger();

  /** From now on, every write of data fails with an IOException (or succeeds again). */
  public static void failWrites(boolean on) {
    failing = on;
  }

  /** How many writes have been refused so far. */
  public static int refusedWrites() {
    return REFUSED.get();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  // RawLocalFileSystem implements both of these without going through the other, and Hadoop's
  // TextOutputFormat reaches the first: wrap both.
  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    return new FSDataOutputStream(
        new Failing(super.create(f, overwrite, bufferSize, replication, blockSize, progress)), null);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
    FSDataOutputStream local =
        super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    return new FSDataOutputStream(new Failing(local), null);
  }

  /** Passes bytes through to the local file unless writes are failing. */
  private static final class Failing extends OutputStream {
    private final OutputStream out;

    Failing(OutputStream out) {
      this.out = out;
    }

    private static void check() throws IOException {
      if (failing) {
        REFUSED.incrementAndGet();
        throw new IOException("faulty:// refuses writes (test fault injected)");
      }
    }

    @Override
    public void write(int b) throws IOException {
      check();
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
