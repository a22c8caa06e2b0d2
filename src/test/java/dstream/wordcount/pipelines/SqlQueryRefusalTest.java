package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.run.SparkLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pipeline sql --query} accepts a query over the views only: a command, a read of other
 * data and the reflection functions are refused in one line, exit 2, before anything of the query
 * runs, on both engines, through {@link Main#run}. (Its own SparkContext per run: no shared one.)
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SqlQueryRefusalTest {
  @TempDir Path tmp;

  private String refusal(String engine, String query) throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "a b\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code = Main.run(new String[] {"--engine", engine, "--source", "replay", "--input",
        input.toString(), "--batch", "200ms", "--pipeline", "sql", "--query", query, "--no-print",
        "--ui-port", "0", "--stop-timeout", "90s"}, new PrintStream(err, true, StandardCharsets.UTF_8));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertEquals(1, text.lines().count(), "one line:\n" + text);
    // Refused while starting (a cold start of Spark's SQL classes takes up to ~30 s on a busy
    // 2-core machine), not after a batch and the --stop-timeout of 90 s.
    assertTrue(seconds < 60, "refused after " + seconds + " s");
    return text.strip();
  }

  @Test
  void commandsReadsOfOtherDataAndReflectionAreRefusedOnBothEngines() throws Exception {
    for (String engine : new String[] {"dstream", "structured"}) {
      assertEquals("run-wordcount: --query: this is a command (CreateTableAsSelect), not a query:"
          + " give a SELECT or WITH over the views lines and words; commands are refused before"
          + " anything runs", refusal(engine, "CREATE TABLE t AS SELECT 1"));
      assertFalse(Files.exists(Path.of("spark-warehouse", "t")), "the command did not run");
      assertEquals("run-wordcount: --query calls java_method: reflect, java_method and try_reflect"
              + " call any Java method, so they are refused",
          refusal(engine, "SELECT java_method('java.lang.System','exit',3)"));
      assertEquals("run-wordcount: --query calls reflect: reflect, java_method and try_reflect"
              + " call any Java method, so they are refused",
          refusal(engine, "WITH w AS (SELECT word FROM words WHERE word IN (SELECT"
              + " REFLECT('java.lang.System','exit',3))) SELECT * FROM w"));
      assertEquals("run-wordcount: --query reads parquet.`/etc`: only the views lines and words can"
          + " be read", refusal(engine, "SELECT * FROM parquet.`/etc`"));
    }
    assertEquals("run-wordcount: --query calls the table function range: only the views lines"
        + " and words can be read", refusal("dstream", "SELECT * FROM range(3)"));
    assertEquals("run-wordcount: --query uses IDENTIFIER(...): write the name itself, so that the"
        + " query can be checked before it runs",
        refusal("structured", "SELECT * FROM IDENTIFIER('parquet.' || '`/etc`')"));
    // Spark 4's parser resolves a literal name, so it is checked as the name it gives; 3.5's
    // leaves IDENTIFIER(...) to the analyzer, so it is refused as such: refused either way.
    assertEquals(SparkLine.running().startsWith("3.")
        ? "run-wordcount: --query uses IDENTIFIER(...): write the name itself, so that the query"
            + " can be checked before it runs"
        : "run-wordcount: --query reads parquet.`/etc`: only the views lines and words can be read",
        refusal("dstream", "SELECT * FROM IDENTIFIER('parquet.`/etc`')"));
    assertEquals("run-wordcount: --query: this is a command (InsertIntoStatement), not a query:"
        + " give a SELECT or WITH over the views lines and words; commands are refused before"
        + " anything runs", refusal("dstream", "INSERT INTO words VALUES ('x')"));
  }
}
