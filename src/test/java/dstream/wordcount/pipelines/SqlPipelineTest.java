package dstream.wordcount.pipelines;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.outputs.ConsoleOutput;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sql --query} on the replay source through the production runner: exact rows per batch
 * and per window; a bad query refused before the stream starts with Spark's one-line message; the
 * outputs that cannot show rows refused. (Its recovery from a checkpoint is in
 * CheckpointRecoveryTest.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlPipelineTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  private static final String TOP =
      "SELECT word, COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC, word";

  @Test
  void eachBatchsViewsAnswerTheQuery() throws Exception {
    Path stop = Files.writeString(tmp.resolve("stop.txt"), "the\n");
    SortedMap<Long, List<String>> out = Replays.run(spark, tmp, List.of(
        "The spark and the streaming", "Spark spark big data", "big data", "", "spark"), 2,
        "--pipeline", "sql", "--query", TOP, "--tokenizer", "words",
        "--stopwords", stop.toString());
    List<List<String>> batches = new ArrayList<>(out.values());
    assertEquals(List.of(
        List.of("spark,3", "and,1", "big,1", "data,1", "streaming,1"),   // the stop word is gone
        List.of("big,1", "data,1"),
        List.of("spark,1")), batches.subList(0, 3));
    for (List<String> late : batches.subList(3, batches.size())) {
      assertEquals(List.of(), late, "no rows once the input is over");
    }
  }

  @Test
  void aWindowsViewsHoldTheWindow() throws Exception {
    SortedMap<Long, List<String>> out = Replays.run(spark, tmp,
        List.of("a b", "a", "", "c c c", "", ""), 1, "--pipeline", "sql", "--window", "600ms",
        "--slide", "400ms", "--query", "SELECT (SELECT COUNT(*) FROM lines) AS l, COUNT(*) AS w,"
            + " COUNT(DISTINCT word) AS d FROM words");
    List<List<String>> windows = new ArrayList<>(out.values());
    assertEquals(List.of(
        List.of("2,3,2"),      // batches 1-2
        List.of("3,4,2"),      // 2-4: "a", "", "c c c"
        List.of("3,3,1"),      // 4-6
        List.of("1,0,0")),     // 6-8: batch 6 is one empty line
        windows.subList(0, 4));
    for (List<String> late : windows.subList(4, windows.size())) {
      assertEquals(List.of("0,0,0"), late, "the input has left: " + windows);
    }
  }

  /** Runs a replay job with {@code query}; returns its usage error. */
  private UsageException refused(String query) throws Exception {
    Path input = Files.writeString(tmp.resolve("in.txt"), "a b\n");
    Job job = Job.parse("--source", "replay", "--input", input.toString(), "--batch", "200ms",
        "--pipeline", "sql", "--query", query, "--no-print");
    return assertThrows(UsageException.class, () -> JobRunner.run(job, spark));
  }

  @Test
  void aQueryThatDoesNotParseOrAnalyzeIsRefusedBeforeTheStart() throws Exception {
    // Spark's own first line, with the SQL state and position; the advice, search path, plan and
    // query it adds are left out. Spark 3.5 words them a little differently, without SQL states.
    List<String> expected = spark.sparkContext().version().startsWith("3.") ? List.of(
        "--query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'words': extra input 'words'."
            + "(line 1, pos 14)",
        "--query: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name"
            + " `wrd` cannot be resolved. Did you mean one of the following? [`word`].;"
            + " line 1 pos 7",
        "--query: [TABLE_OR_VIEW_NOT_FOUND] The table or view `tweets` cannot be found. Verify the"
            + " spelling and correctness of the schema and catalog.; line 1 pos 14")
        : List.of(
        "--query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'words': extra input 'words'."
            + " SQLSTATE: 42601 (line 1, pos 14)",
        "--query: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter"
            + " with name `wrd` cannot be resolved. Did you mean one of the following? [`word`]."
            + " SQLSTATE: 42703; line 1 pos 7",
        "--query: [TABLE_OR_VIEW_NOT_FOUND] The table or view `tweets` cannot be found. Verify the"
            + " spelling and correctness of the schema and catalog. SQLSTATE: 42P01;"
            + " line 1 pos 14");
    assertEquals(expected, List.of(refused("SELECT * FORM words").getMessage(),
        refused("SELECT wrd FROM words").getMessage(),
        refused("SELECT * FROM tweets").getMessage()));
  }

  @Test
  void theQueryIsRequiredAndOutputsWithoutRowsAreRefused() {
    assertUsage("--pipeline sql needs --query SQL, e.g. --query \"SELECT word,"
        + " COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC LIMIT 5\"",
        "--pipeline", "sql");
    assertUsage("--db has no table for pipeline 'sql'", "--pipeline",
        "sql", "--query", TOP, "--db", "jdbc:sqlite:" + tmp.resolve("x.db"));
    assertUsage("--dashboard does not support --pipeline sql (the page has no view"
        + " of a query's rows); use the console or --output",
        "--pipeline", "sql", "--query", TOP, "--dashboard");
    assertUsage("--slide needs --window: sql is per batch unless --window D gives"
        + " it a window", "--pipeline", "sql", "--query", TOP, "--slide", "2s");
  }

  @Test
  void theConsoleShowsRowsAsACompactTable() {
    StructType schema = new StructType().add("word", DataTypes.StringType)
        .add("n", DataTypes.LongType);
    List<Row> rows = List.of(new GenericRowWithSchema(new Object[] {"spark", 12L}, schema),
        new GenericRowWithSchema(new Object[] {"big", 3L}, schema),
        new GenericRowWithSchema(new Object[] {null, 1L}, schema));
    assertEquals(List.of(" word| n", "spark|12", "  big| 3", " null| 1"),
        ConsoleOutput.formatRows(rows));
    assertEquals(List.of("(no rows)"), ConsoleOutput.formatRows(List.of()));
    assertTrue(true);
  }
}
