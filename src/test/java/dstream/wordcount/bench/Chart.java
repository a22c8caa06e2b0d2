package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;

/** What the SVG shows: one panel per measure, each a few labelled bars on its own scale. */
public final class Chart {
  /** The role of a bar, which sets its colour. */
  public enum Kind { PROJECT, BASELINE, LIMIT, OTHER }

  /** One bar: a label, a value on the panel's scale, the text printed beside it. */
  public record Bar(String label, double value, String valueText, Kind kind) {}

  /** One panel: a title, the unit of its values, its bars top to bottom. */
  public record Panel(String title, String unit, List<Bar> bars) {}

  private final List<Panel> panels = new ArrayList<>();

  /** Adds a panel; panels appear in the order added. */
  public void add(Panel panel) {
    panels.add(panel);
  }

  public List<Panel> panels() {
    return List.copyOf(panels);
  }
}
