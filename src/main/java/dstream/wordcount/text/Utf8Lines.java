package dstream.wordcount.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Line readers over UTF-8 bytes with invalid bytes replaced by U+FFFD, the decoding every replay
 * uses (the DStream replay's {@code InputStreamReader(in, UTF_8)} does the same): one place, so a
 * reader that starts mid-file at a {@link LineIndex} offset decodes exactly like one that read the
 * file from its start. Plain Java, no Spark.
 */
public final class Utf8Lines {
  private Utf8Lines() {}

  /** A line reader over {@code in}, which it closes when closed. */
  public static BufferedReader of(InputStream in) {
    // Spelled out rather than relying on InputStreamReader(in, UTF_8)'s defaults: replacing, not
    // failing on, a bad byte is part of the replay's contract.
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
  }

  /**
   * A line reader over {@code file} from byte {@code byteOffset} on, which should be a line start
   * (a {@link LineIndex} offset).
   */
  public static BufferedReader from(Path file, long byteOffset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(byteOffset);
      return of(Channels.newInputStream(channel));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
