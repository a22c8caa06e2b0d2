package dstream.wordcount.engine.dstream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dstream.wordcount.run.Job;
import dstream.wordcount.run.SparkConfs;
import dstream.wordcount.run.StandaloneMaster;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * What a job submitted with spark-submit relies on, without starting Spark: spark-submit's
 * {@code --master} (the {@code spark.master} system property) is the default master, and a
 * standalone master that does not answer is reported at once instead of after Spark's retries.
 */
class SubmittedJobTest {
  private static final String SPARK_MASTER = "spark.master";

  @Test
  void sparkSubmitsMasterIsTheDefaultAndTheCommandLineStillWins() throws Exception {
    String before = System.getProperty(SPARK_MASTER);
    System.setProperty(SPARK_MASTER, "spark://10.0.0.1:7077");
    try {
      assertEquals("spark://10.0.0.1:7077", Job.parse(new String[0], null).options().master());
      assertEquals("spark://10.0.0.1:7077",
          SparkConfs.sparkConf(Job.parse(new String[0], null).options()).get(SPARK_MASTER));
      assertEquals("local[3]",
          Job.parse(new String[] {"--master", "local[3]"}, null).options().master());
    } finally {
      if (before == null) {
        System.clearProperty(SPARK_MASTER);
      } else {
        System.setProperty(SPARK_MASTER, before);
      }
    }
    assertEquals("local[2]", Job.parse(new String[0], null).options().master(), "without spark-submit");
  }

  @Test
  void aStandaloneMasterMustAnswer() throws Exception {
    int closedPort;
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = listening.getLocalPort();
      assertDoesNotThrow(() -> StandaloneMaster.requireReachable("spark://127.0.0.1:" + port));
      closedPort = port;
    }
    String master = "spark://127.0.0.1:" + closedPort;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StandaloneMaster.requireReachable(master));
    assertEquals("no Spark master answers at " + master
        + "; start one (bin/local-cluster start) or fix --master", e.getMessage());
    assertDoesNotThrow(() -> StandaloneMaster.requireReachable("local[2]"));
    assertDoesNotThrow(() -> StandaloneMaster.requireReachable("yarn"));
  }
}
