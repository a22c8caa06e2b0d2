package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lock file's text, and what the operating system says of the holder's process. */
class CheckpointOwnerTest {
  private static final CheckpointOwner ELSEWHERE = new CheckpointOwner("elsewhere", 42, "", "",
      Instant.parse("2026-12-05T07:10:02Z"), 3, false);

  @Test
  void textRoundTripsAndNamesTheHolder() {
    assertEquals(ELSEWHERE, CheckpointOwner.parse(ELSEWHERE.toText()));
    assertEquals(ELSEWHERE.renewed().released(), CheckpointOwner.parse(
        ELSEWHERE.renewed().released().toText()));
    assertEquals("host elsewhere, pid 42, started 2026-12-05 07:10:02 UTC", ELSEWHERE.describe());
  }

  @Test
  void incompleteTextIsNotAnOwner() {
    String text = ELSEWHERE.toText();
    assertNull(CheckpointOwner.parse(text.substring(0, text.indexOf("state="))));
    assertNull(CheckpointOwner.parse(""));
  }

  @Test
  void thisProcessIsAliveAndAFinishedOneIsNot() throws Exception {
    CheckpointOwner me = CheckpointOwner.thisProcess();
    assertTrue(me.sameMachine(CheckpointOwner.thisProcess()));
    assertFalse(me.sameMachine(ELSEWHERE));
    assertTrue(me.processAlive());
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    CheckpointOwner dead = new CheckpointOwner(me.host(), done.pid(), me.pidSpace(), "",
        me.started(), 0, false);
    assertFalse(dead.processAlive());
    CheckpointOwner reused = new CheckpointOwner(me.host(), me.pid(), me.pidSpace(),
        "2001-01-01T00:00:00Z", me.started(), 0, false);
    assertFalse(reused.processAlive(), "a pid now used by another process");
  }
}
