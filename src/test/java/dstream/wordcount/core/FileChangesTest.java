package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.core.FileChanges.Event;
import dstream.wordcount.core.FileChanges.Kind;
import dstream.wordcount.core.FileChanges.Listed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the files source says about its directory, from successive listings. */
class FileChangesTest {
  @Test
  void aFileWrittenInPlaceIsToldOnceAndAnEmptyOneOnce() {
    FileChanges c = new FileChanges();
    assertEquals(List.of(new Event(Kind.EMPTY, "empty.txt", 0, 0)),
        c.look(List.of(new Listed("moved.txt", 10, 1), new Listed("empty.txt", 0, 1),
            new Listed("inplace.txt", 4, 1))));
    assertEquals(List.of(), c.look(List.of(new Listed("moved.txt", 10, 1),
        new Listed("empty.txt", 0, 1), new Listed("inplace.txt", 4, 1))));
    assertEquals(List.of(new Event(Kind.CHANGED, "inplace.txt", 4, 9)),
        c.look(List.of(new Listed("moved.txt", 10, 1), new Listed("inplace.txt", 9, 2))));
    assertEquals(List.of(), c.look(List.of(new Listed("inplace.txt", 30, 5))), "once per file");
  }

  @Test
  void aTouchedFileIsAChangeTooAndAFileMovedInAgainIsNew() {
    FileChanges c = new FileChanges();
    c.look(List.of(new Listed("a.txt", 4, 1)));
    assertEquals(List.of(new Event(Kind.CHANGED, "a.txt", 4, 4)),
        c.look(List.of(new Listed("a.txt", 4, 2))));
    c.look(List.of());
    assertEquals(List.of(), c.look(List.of(new Listed("a.txt", 8, 3))));
  }

  @Test
  void namesSparkSkipsAreSkipped() {
    FileChanges c = new FileChanges();
    assertEquals(List.of(), c.look(List.of(new Listed(".part.txt", 0, 1),
        new Listed("_COPYING_", 0, 1))));
    assertEquals(List.of(), c.look(List.of(new Listed(".part.txt", 5, 2))));
  }
}
