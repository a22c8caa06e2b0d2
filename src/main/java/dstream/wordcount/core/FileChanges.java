package dstream.wordcount.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the files source should tell about the files of its directory, from successive listings:
 * a file that changes after it was first listed (written in place: Spark reads each file once,
 * so what is written later may not be counted) and a file that is empty (Spark's own message for
 * it, an ERROR, reads like a failure). Each at most once per file. Names Spark skips (starting
 * with {@code .} or {@code _}) are skipped here too: writing {@code .name} in place and renaming
 * it is the safe way.
 */
public final class FileChanges {
  /** One file of a listing. */
  public record Listed(String name, long length, long modifiedMs) {}

  /** What to say about a file. */
  public enum Kind {
    /** Empty when first listed. */
    EMPTY,
    /** Its length or modification time changed since it was first listed. */
    CHANGED
  }

  /** One thing to say: the file, and its length when first listed and now. */
  public record Event(Kind kind, String name, long firstLength, long length) {}

  private record Known(long length, long modifiedMs, boolean told) {}

  private final Map<String, Known> known = new HashMap<>();

  /** The events of one more listing of the directory, in the listing's order. */
  public List<Event> look(List<Listed> listing) {
    List<Event> events = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (Listed f : listing) {
      if (skipped(f.name())) {
        continue;
      }
      present.add(f.name());
      Known k = known.get(f.name());
      if (k == null) {
        known.put(f.name(), new Known(f.length(), f.modifiedMs(), false));
        if (f.length() == 0) {
          events.add(new Event(Kind.EMPTY, f.name(), 0, 0));
        }
      } else if (!k.told() && (k.length() != f.length() || k.modifiedMs() != f.modifiedMs())) {
        known.put(f.name(), new Known(k.length(), k.modifiedMs(), true));
        events.add(new Event(Kind.CHANGED, f.name(), k.length(), f.length()));
      }
    }
    // A file removed and later moved in again under its name is a new file.
    known.keySet().retainAll(present);
    return events;
  }

  /** Names Spark's file sources skip: hidden and temporary files. */
  public static boolean skipped(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }
}
