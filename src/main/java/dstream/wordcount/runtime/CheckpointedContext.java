package dstream.wordcount.runtime;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.fs.AbandonedFiles;
import dstream.wordcount.fs.HadoopPaths;
import dstream.wordcount.pipelines.Pipeline;
import dstream.wordcount.sources.OpenSource;
import dstream.wordcount.sources.ReplaySource;
import dstream.wordcount.sources.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of a job run with {@code --checkpoint DIR}: created by a factory that builds the
 * whole graph, outputs included, the first time, and recovered from DIR by
 * {@code JavaStreamingContext.getOrCreate} on every restart, with its state and the batches that
 * were pending or missed while the driver was down.
 *
 * <p>Spark recovers the graph it serialized and ignores what the restarted driver was asked to
 * do, so before that DIR is checked against this run ({@link #prepare}): the graph settings are
 * recorded in {@code DIR/}{@value CheckpointSettings#FILE_NAME} when DIR holds no checkpoint yet,
 * and compared with it when it does; a difference, a checkpoint of another build, or a
 * {@code replay} job (queueStream cannot be recovered) is a usage error naming the way out.
 *
 * <p>DIR may be on any Hadoop file system, as Spark's own checkpoint.
 */
final class CheckpointedContext {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointedContext.class);
  /** Spark's checkpoint files are {@code checkpoint-<batch time>[.bk]}. */
  private static final String SPARK_CHECKPOINT_PREFIX = "checkpoint-";
  /**
   * Settings Spark takes from the restarted driver's system properties rather than from the
   * checkpoint (Checkpoint.createSparkConf), so {@code --master} and {@code --ui-port} still apply.
   */
  private static final String[] RELOADED = {"spark.master", "spark.ui.port"};

  /** HDFS closes an abandoned file within a few heartbeats; far more means something else is wrong. */
  private static final long LEASE_RECOVERY_MS = 120_000;

  private CheckpointedContext() {}

  /** The Spark version, part of what makes a checkpoint readable. */
  static String sparkVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /**
   * Checks DIR against this run and records the settings when DIR holds no checkpoint yet.
   *
   * @return true when DIR holds a checkpoint to recover
   * @throws UsageException when this run must not use DIR
   */
  static boolean prepare(Options o, Source source) throws UsageException {
    String dir = o.checkpoint();
    // Reachable, a directory, writable: one clear line now rather than Hadoop's retries and traces.
    HadoopPaths.writableDirectory(OptionNames.CHECKPOINT, dir);
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(new Configuration());
      if (fs instanceof ChecksumFileSystem local) {
        // The record is meant to be read, and may be edited, by people: no .crc beside it that an
        // edit would turn into a checksum error.
        fs = local.getRawFileSystem();
      }
      FileStatus[] entries = new FileStatus[0];
      if (fs.exists(path)) {
        if (!fs.getFileStatus(path).isDirectory()) {
          throw new UsageException("--" + OptionNames.CHECKPOINT + " " + dir
              + " is a file; give a directory (it is created when missing)");
        }
        entries = fs.listStatus(path);
      }
      if (source instanceof ReplaySource && entries.length > 0) {
        throw new UsageException("--" + OptionNames.CHECKPOINT + " " + dir + " is not empty, but a "
            + "replay job cannot be recovered (Spark's queueStream is not checkpointable): pass an "
            + "empty or new --checkpoint directory, or leave --checkpoint out");
      }
      CheckpointSettings current =
          CheckpointSettings.current(sparkVersion(), GraphSettings.of(o));
      Path record = new Path(path, CheckpointSettings.FILE_NAME);
      if (holdsCheckpoint(entries)) {
        if (!fs.exists(record)) {
          throw new UsageException(CheckpointSettings.unrecorded(dir));
        }
        String refusal = current.refusal(dir, CheckpointSettings.parse(read(fs, record)));
        if (refusal != null) {
          throw new UsageException(refusal);
        }
        AbandonedFiles.close(dir, LEASE_RECOVERY_MS);
        return true;
      }
      write(fs, record, current.toText());
      return false;
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("--" + OptionNames.CHECKPOINT + " " + dir + ": cannot use it ("
          + e.getMessage() + "); choose a writable directory");
    }
  }

  private static boolean holdsCheckpoint(FileStatus[] entries) {
    for (FileStatus e : entries) {
      if (e.isFile() && e.getPath().getName().startsWith(SPARK_CHECKPOINT_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes beside the record, then renames, so a killed driver never leaves half a record. */
  private static void write(FileSystem fs, Path file, String text) throws IOException {
    fs.mkdirs(file.getParent());
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(file, false);
    if (!fs.rename(tmp, file)) {
      throw new IOException("cannot rename " + tmp + " to " + file);
    }
  }

  /**
   * Recovers the job from DIR, or creates it there. {@code recovering} is what {@link #prepare}
   * found.
   */
  static JavaStreamingContext getOrCreate(Options o, ContextFactory contexts, OpenSource source,
      Pipeline pipeline, boolean recovering) throws Exception {
    String dir = o.checkpoint();
    AtomicBoolean created = new AtomicBoolean();
    Function0<JavaStreamingContext> factory = () -> {
      created.set(true);
      JavaStreamingContext ssc = contexts.create(o);
      ssc.checkpoint(dir);
      GraphBuilder.build(ssc, source, pipeline, o);
      return ssc;
    };
    Map<String, String> saved = recovering ? reloadFromOptions(o) : Map.of();
    JavaStreamingContext ssc;
    try {
      ssc = JavaStreamingContext.getOrCreate(dir, factory);
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      if (created.get()) {
        throw e;
      }
      LOG.error("cannot recover from checkpoint {}", dir, e);
      throw new IllegalStateException("cannot recover the job from --checkpoint " + dir + " ("
          + e.getMessage() + "); pass a new --checkpoint directory to start afresh");
    } finally {
      restore(saved);
    }
    if (created.get()) {
      LOG.info("checkpointing to {}; a restart with --checkpoint {} and the same settings "
          + "recovers the job", dir, dir);
    } else {
      LOG.info("recovered the job from checkpoint {}: pending and missed batches run first", dir);
    }
    return ssc;
  }

  /** Sets the reloaded Spark settings from the options; returns the previous values. */
  private static Map<String, String> reloadFromOptions(Options o) {
    Map<String, String> previous = new LinkedHashMap<>();
    for (String key : RELOADED) {
      previous.put(key, System.getProperty(key));
    }
    SparkConf now = SparkContexts.sparkConf(o);
    for (String key : RELOADED) {
      System.setProperty(key, now.get(key));
    }
    return previous;
  }

  private static void restore(Map<String, String> previous) {
    previous.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
  }
}
