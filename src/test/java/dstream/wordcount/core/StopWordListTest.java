package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stop-word file as the counting pipelines read it: tokenized, distinct, sorted, hashed. */
class StopWordListTest {
  private static StopWordList of(String text, Tokenizer t) {
    return StopWordList.of("stop.txt", text.getBytes(StandardCharsets.UTF_8), t);
  }

  @Test
  void eachLineIsTokenizedByTheJobsTokenizer() {
    String text = "The\r\nand\n\n  a  \nThe\nisn't\n";
    assertEquals(List.of("The", "a", "and", "isn't"), of(text, Tokenizer.WHITESPACE).words());
    assertEquals(List.of("a", "and", "isn", "t", "the"), of(text, Tokenizer.WORDS).words());
  }

  @Test
  void recordedWithTheSha256OfTheBytes() {
    // sha256("a\n"), as `printf 'a\n' | sha256sum` prints it.
    assertEquals("stop.txt sha256:87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7",
        of("a\n", Tokenizer.WORDS).recorded());
    assertNotEquals(of("a\n", Tokenizer.WORDS).recorded(), of("a \n", Tokenizer.WORDS).recorded(),
        "the same words from other bytes are another file");
    assertEquals("none", StopWordList.NONE.recorded());
  }

  @Test
  void activeWhenAFileWasGiven() {
    assertTrue(of("\n\n", Tokenizer.WORDS).isActive());
    assertEquals(List.of(), of("\n\n", Tokenizer.WORDS).words());
    assertFalse(StopWordList.NONE.isActive());
  }
}
