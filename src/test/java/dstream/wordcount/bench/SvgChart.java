package dstream.wordcount.bench;

import java.util.Locale;

/**
 * Renders a {@link Chart} as a standalone SVG file by hand: horizontal bars, one panel per measure
 * on its own scale, a legend of what the colours mean. No charting library, so the benchmark adds
 * no dependency and the file diffs as text.
 */
public final class SvgChart {
  private static final int WIDTH = 960;
  private static final int LABEL_RIGHT = 330;
  private static final int BAR_LEFT = 340;
  private static final int BAR_MAX = 470;
  private static final int BAR_HEIGHT = 20;
  private static final int BAR_GAP = 6;
  private static final int PANEL_TITLE = 26;
  private static final int PANEL_GAP = 18;

  private SvgChart() {}

  /** The SVG text of {@code chart} under a title and a subtitle line. */
  public static String render(Chart chart, String title, String subtitle) {
    StringBuilder body = new StringBuilder();
    int y = 78;
    for (Chart.Panel p : chart.panels()) {
      body.append(text(12, y + 16, "panel-title", p.title() + (p.unit().isEmpty() ? "" : " (" + p.unit() + ")")));
      y += PANEL_TITLE;
      double max = 0;
      for (Chart.Bar b : p.bars()) {
        if (!Double.isNaN(b.value())) {
          max = Math.max(max, b.value());
        }
      }
      for (Chart.Bar b : p.bars()) {
        int width = max > 0 && !Double.isNaN(b.value())
            ? (int) Math.round(BAR_MAX * b.value() / max) : 0;
        body.append(text(LABEL_RIGHT, y + 15, "label", b.label()));
        body.append(String.format(Locale.ROOT,
            "  <rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"/>\n",
            BAR_LEFT, y, Math.max(width, 1), BAR_HEIGHT, cssClass(b.kind())));
        body.append(text(BAR_LEFT + Math.max(width, 1) + 6, y + 15, "value", b.valueText()));
        y += BAR_HEIGHT + BAR_GAP;
      }
      y += PANEL_GAP;
    }
    int height = y + 10;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
        WIDTH, height, WIDTH, height));
    svg.append("  <style>\n")
        .append("    text { font-family: Helvetica, Arial, sans-serif; font-size: 13px; fill: #222; }\n")
        .append("    .title { font-size: 18px; font-weight: bold; }\n")
        .append("    .subtitle { font-size: 12px; fill: #555; }\n")
        .append("    .panel-title { font-size: 14px; font-weight: bold; }\n")
        .append("    .label { text-anchor: end; }\n")
        .append("    .value { font-size: 12px; }\n")
        .append("    .project { fill: #2b6cb0; } .baseline { fill: #a0aec0; }\n")
        .append("    .limit { fill: #38a169; } .other { fill: #dd8452; }\n")
        .append("  </style>\n");
    svg.append(String.format(Locale.ROOT,
        "  <rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
    svg.append(text(12, 26, "title", title));
    svg.append(text(12, 46, "subtitle", subtitle));
    int x = 12;
    for (Chart.Kind k : Chart.Kind.values()) {
      svg.append(String.format(Locale.ROOT,
          "  <rect x=\"%d\" y=\"56\" width=\"12\" height=\"12\" class=\"%s\"/>\n", x, cssClass(k)));
      String name = legend(k);
      svg.append(text(x + 16, 67, "value", name));
      x += 16 + 7 * name.length() + 24;
    }
    svg.append(body);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String legend(Chart.Kind k) {
    return switch (k) {
      case PROJECT -> "this project";
      case BASELINE -> "baseline: JavaNetworkWordCount";
      case LIMIT -> "limit: plain Java";
      case OTHER -> "other technique / not sustained";
    };
  }

  private static String cssClass(Chart.Kind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  private static String text(int x, int y, String cssClass, String content) {
    return String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" class=\"%s\">%s</text>\n",
        x, y, cssClass, escape(content));
  }

  /** XML-escapes text content and attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
