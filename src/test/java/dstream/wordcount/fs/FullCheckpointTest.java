package dstream.wordcount.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.hadoop.ipc.RemoteException;
import org.junit.jupiter.api.Test;

class FullCheckpointTest {
  private static <T extends Throwable> T thrownAt(T t, String cls) {
    t.setStackTrace(new StackTraceElement[] {new StackTraceElement(cls, "write", "F.java", 1)});
    return t;
  }

  @Test
  void aFullDiskUnderACheckpointWriterIsOne() {
    Throwable e = new RuntimeException("job failed",
        thrownAt(new Error("FSError", new IOException("No space left on device")),
            "org.apache.spark.rdd.ReliableCheckpointRDD$"));
    assertEquals("No space left on device", FullCheckpoint.reason(e));
    assertTrue(FullCheckpoint.whileWritingCheckpoint(e));
  }

  @Test
  void aTaskFailureCarriesTheWriterInItsText() {
    Throwable e = thrownAt(new RuntimeException("Job aborted due to stage failure: FSError:"
        + " java.io.IOException: No space left on device\n\tat org.apache.spark.sql.execution"
        + ".streaming.state.RocksDBFileManager.saveCheckpointToDfs(RocksDBFileManager.scala:1)"),
        "org.apache.spark.scheduler.DAGScheduler");
    assertEquals("No space left on device", FullCheckpoint.reason(e));
    assertTrue(FullCheckpoint.whileWritingCheckpoint(e));
  }

  @Test
  void anHdfsQuotaIsOne() {
    Throwable e = new RemoteException(
        "org.apache.hadoop.hdfs.protocol.DSQuotaExceededException",
        "The DiskSpace quota of /cp is exceeded: quota = 1024 B\nmore");
    assertEquals("The DiskSpace quota of /cp is exceeded: quota = 1024 B", FullCheckpoint.reason(e));
  }

  @Test
  void otherFailuresAreNot() {
    Throwable full = thrownAt(new IOException("No space left on device"),
        "org.apache.spark.storage.DiskBlockObjectWriter"); // a shuffle file in a local dir
    assertFalse(FullCheckpoint.whileWritingCheckpoint(full));
    assertNull(FullCheckpoint.reason(thrownAt(new IOException("Connection refused"),
        "org.apache.spark.streaming.CheckpointWriter$CheckpointWriteHandler")));
  }
}
