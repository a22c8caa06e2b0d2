package dstream.wordcount.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * One line of the {@code state} pipeline: a word whose running total changed in this batch,
 * written {@code (word,total)}, or a word evicted because it was idle for the timeout, written
 * {@code (word,total) evicted after idle 10s}. Sorted with changes first, each group by total
 * then word ({@link WordCountOrder}), so a batch reads like the other count outputs.
 */
public final class StateUpdate implements Comparable<StateUpdate>, Serializable {
  private static final long serialVersionUID = 1L;

  private final String word;
  private final long total;
  private final String evictedAfter;

  private StateUpdate(String word, long total, String evictedAfter) {
    this.word = Objects.requireNonNull(word);
    this.total = total;
    this.evictedAfter = evictedAfter;
  }

  /** The word's total changed to {@code total}. */
  public static StateUpdate changed(String word, long total) {
    return new StateUpdate(word, total, null);
  }

  /** The word, last at {@code total}, was dropped after being idle for {@code idleText}. */
  public static StateUpdate evicted(String word, long total, String idleText) {
    return new StateUpdate(word, total, Objects.requireNonNull(idleText));
  }

  public String word() {
    return word;
  }

  public long total() {
    return total;
  }

  public boolean isEviction() {
    return evictedAfter != null;
  }

  @Override
  public int compareTo(StateUpdate o) {
    if (isEviction() != o.isEviction()) {
      return isEviction() ? 1 : -1;
    }
    return WordCountOrder.compare(word, total, o.word, o.total);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateUpdate u
        && word.equals(u.word) && total == u.total && Objects.equals(evictedAfter, u.evictedAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(word, total, evictedAfter);
  }

  /** The output line. */
  @Override
  public String toString() {
    String pair = WordCountOrder.format(word, total);
    return evictedAfter == null ? pair : pair + " evicted after idle " + evictedAfter;
  }
}
