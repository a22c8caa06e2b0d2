package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of the state pipeline: their text and their order. */
class StateUpdateTest {
  @Test
  void changesAndEvictionsReadAsDocumented() {
    assertEquals("(spark,3)", StateUpdate.changed("spark", 3).toString());
    assertEquals("(big,1) evicted after idle 10s", StateUpdate.evicted("big", 1, "10s").toString());
  }

  @Test
  void changesComeFirstEachByCountThenWord() {
    List<StateUpdate> lines = new ArrayList<>(List.of(
        StateUpdate.evicted("z", 9, "1s"),
        StateUpdate.changed("b", 1),
        StateUpdate.evicted("a", 1, "1s"),
        StateUpdate.changed("c", 5),
        StateUpdate.changed("a", 1)));
    lines.sort(null);
    assertEquals(List.of("(c,5)", "(a,1)", "(b,1)",
        "(z,9) evicted after idle 1s", "(a,1) evicted after idle 1s"),
        lines.stream().map(StateUpdate::toString).toList());
  }
}
