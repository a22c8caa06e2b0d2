package dstream.wordcount.engine.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dstream.wordcount.core.FileFollower;
import dstream.wordcount.core.FilePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TailOffset}'s JSON, as the checkpoint's offset log keeps it, read back; and where a new
 * tail query starts ({@link TailStream#startOf}). Plain Java, no Spark session.
 */
class TailOffsetTest {
  @TempDir Path tmp;

  @Test
  void jsonRoundTrip() {
    TailOffset o = new TailOffset(new FilePosition("(dev=803,ino=131)", 2048), 57);
    assertEquals("{\"key\":\"(dev=803,ino=131)\",\"offset\":2048,\"lines\":57}", o.json());
    TailOffset back = TailOffset.parse(o.json());
    assertEquals(o, back);
    assertEquals(o.position(), back.position());
    assertEquals(57, back.lines());
    TailOffset missing = new TailOffset(new FilePosition(null, 0), 0);
    assertEquals("{\"key\":null,\"offset\":0,\"lines\":0}", missing.json());
    assertEquals(missing.position(), TailOffset.parse(missing.json()).position());
    // A key with characters JSON escapes survives too.
    TailOffset odd = new TailOffset(new FilePosition("a\"b\\c", 1), 1);
    assertEquals(odd.position(), TailOffset.parse(odd.json()).position());
  }

  @Test
  void anOffsetSparkKeptAsJsonIsReadBack() {
    Offset kept = new Offset() {
      @Override
      public String json() {
        return "{\"key\":\"k\",\"offset\":5,\"lines\":2}";
      }
    };
    assertEquals(new TailOffset(new FilePosition("k", 5), 2), TailOffset.of(kept));
  }

  @Test
  void theLineCountTellsApartOffsetsAtTheSameByte() {
    FilePosition p = new FilePosition("k", 10);
    assertNotEquals(new TailOffset(p, 3), new TailOffset(p, 4));
  }

  @Test
  void whatIsNotATailOffsetIsRefused() {
    for (String bad : new String[] {"12", "{}", "{\"key\":1,\"offset\":0,\"lines\":0}",
        "{\"key\":null,\"offset\":\"x\",\"lines\":0}", "{\"key\":null,\"offset\":0}", "not json",
        "{\"key\":null,\"offset\":-1,\"lines\":0}"}) {
      assertThrows(IllegalArgumentException.class, () -> TailOffset.parse(bad), bad);
    }
  }

  @Test
  void aNewQueryStartsAtTheEndOrTheStartOrWhenTheFileAppears() throws Exception {
    Path log = tmp.resolve("app.log");
    TailOffset none = TailStream.startOf(log, false);
    assertEquals(new FilePosition(null, 0), none.position(), "from its start once it appears");
    assertEquals(none, TailStream.startOf(log, true));
    Files.writeString(log, "old\n");
    FilePosition end = FileFollower.endOf(log);
    assertEquals(new TailOffset(end, 0), TailStream.startOf(log, false));
    assertEquals(4, end.offset());
    assertEquals(new TailOffset(new FilePosition(end.fileKey(), 0), 0),
        TailStream.startOf(log, true));
  }
}
