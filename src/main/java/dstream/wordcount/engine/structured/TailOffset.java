package dstream.wordcount.engine.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dstream.wordcount.core.FilePosition;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A tail offset: where the follower of the file stood (its file key and the byte after the last
 * line it returned) and how many lines it had returned since the query first started. The
 * position is what a recovered query resumes at and re-reads a micro-batch from; the line count
 * tells two offsets apart when a truncated file is rewritten to the same length, and says how
 * many lines a micro-batch holds. The JSON, as the checkpoint's offset log keeps it:
 * {@code {"key":"(dev=803,ino=131)","offset":2048,"lines":57}}, {@code "key":null} while the
 * file does not exist.
 */
final class TailOffset extends Offset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FilePosition position;
  private final long lines;

  TailOffset(FilePosition position, long lines) {
    if (position.offset() < 0 || lines < 0) {
      throw new IllegalArgumentException("a tail offset is at byte 0 or more after 0 or more"
          + " lines, not " + position + " after " + lines);
    }
    this.position = position;
    this.lines = lines;
  }

  /** The offset of any offset of this source: ours, or one Spark kept only as its JSON. */
  static TailOffset of(Offset offset) {
    return offset instanceof TailOffset t ? t : parse(offset.json());
  }

  /** Reads {@link #json()}. */
  static TailOffset parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode key = n == null ? null : n.get("key");
      JsonNode offset = n == null ? null : n.get("offset");
      JsonNode lines = n == null ? null : n.get("lines");
      if (key == null || !(key.isNull() || key.isTextual()) || offset == null
          || !offset.canConvertToLong() || lines == null || !lines.canConvertToLong()) {
        throw new IllegalArgumentException("not a tail offset: " + json);
      }
      return new TailOffset(new FilePosition(key.isNull() ? null : key.asText(),
          offset.asLong()), lines.asLong());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a tail offset: " + json, e);
    }
  }

  /** Where the follower stood. */
  FilePosition position() {
    return position;
  }

  /** Lines returned since the query first started. */
  long lines() {
    return lines;
  }

  /** Field order fixed: Spark compares offsets by their JSON. */
  @Override
  public String json() {
    ObjectNode n = JSON.createObjectNode();
    n.put("key", position.fileKey());
    n.put("offset", position.offset());
    n.put("lines", lines);
    return n.toString();
  }
}
