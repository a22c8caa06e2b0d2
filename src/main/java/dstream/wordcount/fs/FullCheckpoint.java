package dstream.wordcount.fs;

import java.util.List;
import org.apache.hadoop.ipc.RemoteException;

/**
 * Whether a failure is a checkpoint write refused for lack of space: a "No space left on device"
 * (local disk) or a quota refusal (HDFS) somewhere in its causes, thrown while Spark wrote a
 * checkpoint. Spark reports the write as a bare error (a task's failure arrives as text, its
 * stack trace in the message), so the writers are recognized by their classes in the frames
 * and in the text. Plain Java but for Hadoop's {@code RemoteException}; unit-tested alone.
 */
final class FullCheckpoint {
  /**
   * Spark's checkpoint writers: the DStream graph ({@code CheckpointWriter}), RDD and state
   * checkpoints ({@code ReliableCheckpointRDD}), the structured state stores and the offset and
   * commit logs ({@code streaming.state.}, {@code HDFSMetadataLog}, {@code CheckpointFileManager}).
   */
  private static final List<String> WRITERS = List.of("CheckpointWriter", "ReliableCheckpointRDD",
      "streaming.state.", "HDFSMetadataLog", "CheckpointFileManager");

  private FullCheckpoint() {}

  /** The first line of the lack-of-space error behind {@code e}, or null if it is not one. */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      String cls = t instanceof RemoteException r ? r.getClassName() : t.getClass().getName();
      if (m.contains("No space left on device")) {
        return "No space left on device";
      }
      if (cls.contains("QuotaExceeded")) {
        return m.lines().findFirst().orElse(cls).trim();
      }
    }
    return null;
  }

  /** Whether {@code e} was thrown while Spark wrote a checkpoint. */
  static boolean whileWritingCheckpoint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      for (String w : WRITERS) {
        if (m.contains(w)) {
          return true;
        }
      }
      for (StackTraceElement f : t.getStackTrace()) {
        for (String w : WRITERS) {
          if (f.getClassName().contains(w)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
