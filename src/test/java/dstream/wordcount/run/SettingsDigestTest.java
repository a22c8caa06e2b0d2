package dstream.wordcount.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The job's settings digest (the {@code settings} field of a {@code batches} document): the same
 * graph settings give the same digest, another pipeline option another one, and a password is no
 * part of it. No Spark.
 */
class SettingsDigestTest {
  private static String digest(String... args) throws Exception {
    return Job.parse(args).settingsDigest().sha256();
  }

  @Test
  void followsTheGraphSettingsAndLeavesCredentialsOut() throws Exception {
    String count = digest("--pipeline", "count", "--mongo", "mongodb://ann:one@127.0.0.1:27017/lab");
    assertTrue(count.matches("[0-9a-f]{64}"), count);
    assertEquals(count, digest("--pipeline", "count", "--mongo",
        "mongodb://ann:two@127.0.0.1:27017/lab"), "the password is not in it");
    assertEquals(count, digest("--pipeline", "count", "--mongo",
        "mongodb://ann:one@127.0.0.1:27017/lab", "--duration", "5s"), "--duration shapes nothing");
    assertNotEquals(count, digest("--pipeline", "count", "--batch", "2s", "--mongo",
        "mongodb://ann:one@127.0.0.1:27017/lab"));
    assertNotEquals(count, digest("--pipeline", "filter", "--mongo",
        "mongodb://ann:one@127.0.0.1:27017/lab"));
  }
}
