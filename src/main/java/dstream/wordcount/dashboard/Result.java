package dstream.wordcount.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dstream.wordcount.core.BatchStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One batch's or window's result as the dashboard keeps and serves it: its batch time (epoch ms,
 * the same time as the batch's {@code --output} directory) and the fields of its kind, already in
 * the JSON shape of {@code /api/latest}. Built on the driver from the few records a
 * {@code foreachRDD} took there, so it is small by construction.
 */
public final class Result {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final long batchTime;
  private final ObjectNode fields;
  private final long alertValue;
  private final List<String> lines;

  private Result(long batchTime, ObjectNode fields, long alertValue, List<String> lines) {
    this.batchTime = batchTime;
    this.fields = fields;
    this.alertValue = alertValue;
    this.lines = lines;
  }

  private static ObjectNode start(long batchTime) {
    ObjectNode o = JSON.objectNode();
    o.put("batchTime", batchTime);
    return o;
  }

  private static ArrayNode words(List<WordCount> counts) {
    ArrayNode a = JSON.arrayNode();
    for (WordCount c : counts) {
      a.addObject().put("word", c.word()).put("count", c.count());
    }
    return a;
  }

  /** The top words of a batch or window (count, filter, window, top, cumulative), shown order. */
  public static Result counts(long batchTime, List<WordCount> top) {
    ObjectNode o = start(batchTime);
    o.set("counts", words(top));
    return new Result(batchTime, o, -1, List.of());
  }

  /**
   * The number of a window (count-window, errors); an alert when {@code alertAbove} is not
   * negative and the value is above it, the rule of the errors pipeline's ALERT lines.
   */
  public static Result number(long batchTime, long value, long alertAbove) {
    boolean alert = alertAbove >= 0 && value > alertAbove;
    ObjectNode o = start(batchTime);
    o.put("value", value);
    o.put("alert", alert);
    return new Result(batchTime, o, alert ? value : -1, List.of());
  }

  /**
   * The matching lines of a batch (grep): {@code matched} in all, {@code first} the first of them
   * in arrival order; served newest first.
   */
  public static Result lines(long batchTime, long matched, List<String> first) {
    List<String> newestFirst = new ArrayList<>(first);
    Collections.reverse(newestFirst);
    ObjectNode o = start(batchTime);
    o.put("matched", matched);
    ArrayNode a = o.putArray("lines");
    newestFirst.forEach(a::add);
    return new Result(batchTime, o, -1, List.copyOf(newestFirst));
  }

  /** A batch's statistics (stats). */
  public static Result stats(long batchTime, BatchStats s) {
    ObjectNode o = start(batchTime);
    o.put("lines", s.lines());
    o.put("words", s.words());
    o.put("distinct", s.distinct());
    o.put("mean", Math.round(s.mean() * 100) / 100.0);
    o.put("max", s.max());
    s.maxWords().forEach(o.putArray("maxWords")::add);
    o.put("min", s.min());
    s.minWords().forEach(o.putArray("minWords")::add);
    return new Result(batchTime, o, -1, List.of());
  }

  /**
   * A batch of the state pipeline: the top {@code changed} totals ({@code changedCount} words
   * changed in all) as {@code counts}, and the first {@code evicted} words ({@code evictedCount}
   * in all).
   */
  public static Result updates(long batchTime, List<WordCount> changed, long changedCount,
      List<WordCount> evicted, long evictedCount) {
    ObjectNode o = start(batchTime);
    o.set("counts", words(changed));
    o.put("changed", changedCount);
    o.set("evicted", words(evicted));
    o.put("evictions", evictedCount);
    return new Result(batchTime, o, -1, List.of());
  }

  /** The batch time, epoch ms. */
  public long batchTime() {
    return batchTime;
  }

  /** The fields, starting with {@code batchTime}; not to be modified. */
  ObjectNode fields() {
    return fields;
  }

  /** True when this window raised an alert. */
  public boolean isAlert() {
    return alertValue >= 0;
  }

  /** The grep lines of the batch, newest first (empty for other kinds). */
  List<String> lines() {
    return lines;
  }
}
