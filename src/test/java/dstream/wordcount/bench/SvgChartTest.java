package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgChartTest {
  @Test
  void rendersWellFormedSvgWithOneBarPerValueOnEachPanelsScale() throws Exception {
    Chart chart = new Chart();
    chart.add(new Chart.Panel("count <words/s>", "higher is better", List.of(
        new Chart.Bar("project & co", 200, "200", Chart.Kind.PROJECT),
        new Chart.Bar("baseline", 100, "100", Chart.Kind.BASELINE))));
    chart.add(new Chart.Panel("heap", "", List.of(new Chart.Bar("after 0 s", Double.NaN, "-", Chart.Kind.OTHER))));
    String svg = SvgChart.render(chart, "title", "machine \"x\"");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    NodeList rects = doc.getElementsByTagName("rect");
    // background + one legend swatch per kind + three bars
    assertEquals(1 + Chart.Kind.values().length + 3, rects.getLength());
    int bars = 1 + Chart.Kind.values().length;
    assertEquals("470", rects.item(bars).getAttributes().getNamedItem("width").getNodeValue());
    assertEquals("235", rects.item(bars + 1).getAttributes().getNamedItem("width").getNodeValue());
    assertEquals("1", rects.item(bars + 2).getAttributes().getNamedItem("width").getNodeValue());
    assertTrue(svg.contains("project &amp; co") && svg.contains("count &lt;words/s&gt;"), svg);
  }
}
