package dstream.wordcount.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's files, served from the jar: our own under {@code static/}, uPlot from its webjar.
 * Only the paths listed here exist, so no request names a resource of its own.
 */
final class StaticFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StaticFiles.class);
  private static final String STATIC = "/dstream/wordcount/dashboard/static/";
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {STATIC + "index.html", "text/html; charset=utf-8"},
      "/app.js", new String[] {STATIC + "app.js", "text/javascript; charset=utf-8"},
      "/app.css", new String[] {STATIC + "app.css", "text/css; charset=utf-8"},
      "/vendor/uPlot.iife.min.js", new String[] {"dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "/vendor/uPlot.min.css", new String[] {"dist/uPlot.min.css", "text/css; charset=utf-8"});

  private final String uplotBase;

  private StaticFiles(String uplotBase) {
    this.uplotBase = uplotBase;
  }

  /** Where the webjar keeps uPlot: its version is in the webjar's own Maven metadata. */
  static StaticFiles load() {
    Properties p = new Properties();
    try (InputStream in = StaticFiles.class.getResourceAsStream(UPLOT_POM)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      LOG.debug("cannot read {}", UPLOT_POM, e);
    }
    return new StaticFiles(
        "/META-INF/resources/webjars/uplot/" + p.getProperty("version", "missing") + "/");
  }

  /** The file at {@code path} (404 for any other path). */
  void serve(WebServer.Response res, String path) throws IOException {
    String[] file = FILES.get(path);
    if (file == null) {
      res.send(404, "text/plain; charset=utf-8", "not found: " + path + "\n");
      return;
    }
    String resource = file[0].startsWith("/") ? file[0] : uplotBase + file[0];
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        res.send(500, "text/plain; charset=utf-8", "missing from the jar: " + resource + "\n");
        return;
      }
      res.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff")
          .send(200, file[1], in.readAllBytes());
    }
  }
}
