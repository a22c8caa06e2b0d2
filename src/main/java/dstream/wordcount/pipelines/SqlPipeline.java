package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.live.RunState;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * {@code sql --query "SQL"}: each batch's lines and words become the temporary views
 * {@code lines(line STRING)} and {@code words(word STRING)} (words by {@code --tokenizer}, stop
 * words removed), and the query's rows are the batch's result; with {@code --window D} (and
 * {@code --slide D}, default the window) the views hold the window's lines and words. The console
 * shows the rows as a compact table, {@code --output} writes each row with its columns joined by
 * commas.
 *
 * <p>Technique: "DataFrames and SQL on DStreams", Spark's JavaSqlNetworkWordCount: per batch
 * ({@code transformWith} of the lines and their words, so both views come from the same batch), the
 * RDDs become DataFrames of one column, registered with {@code createOrReplaceTempView}, and
 * {@code spark.sql(query)} runs on them; its rows become the batch's RDD. One {@link SparkSession},
 * built on the job's SparkContext ({@code SparkSession.builder().getOrCreate()}, which finds
 * it), is
 * kept in the run's {@link RunState} and reused by every batch; a session cannot be checkpointed,
 * so a recovered driver, whose run starts without one, builds it again on its first batch. Unlike
 * Spark's example, which runs the query inside {@code foreachRDD}, the rows are a DStream every
 * output reads (cached); the price is that the query is planned when Spark generates the batch, and
 * with adaptive query execution (Spark's default) its shuffle stages run then, on the driver's job
 * generator thread, before the batch's output jobs. The
 * query is analyzed against empty views before the stream starts ({@link #beforeStart}), so a query
 * that does not parse or names an unknown view or column is a usage error with Spark's own
 * one-line message and position. Run it: {@code bin/run-wordcount --pipeline sql --query "SELECT
 * word, COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC LIMIT 5"}.
 */
public final class SqlPipeline extends PipelinePlugin<SqlPipeline.Settings> {
  public static final OptionSpec QUERY = OptionSpec.text("query", "SQL",
      "sql: the query (SELECT or WITH; commands, other data and reflect are refused) run on each"
          + " batch's views lines(line) and words(word)", null).shaping();

  /** The views' schemas: one string column each. */
  static final StructType LINES = new StructType().add("line", DataTypes.StringType, false);
  static final StructType WORDS = new StructType().add("word", DataTypes.StringType, false);

  /**
   * The query (null when not given: refused by {@link #validate}), the tokenizer, the stop words
   * and the window ({@link OptionalWindow}).
   */
  public record Settings(String query, Tokenizer tokenizer, StopWordList stopWords,
      OptionalWindow window) implements PipelineOptions.Counting, OptionalWindow.Holder {
    static Settings of(OptionValues v) throws UsageException {
      Tokenizer t = PipelineOptions.tokenizer(v);
      return new Settings(v.optionalText(QUERY), t, PipelineOptions.stopWords(v, t),
          OptionalWindow.parse(v, false));
    }
  }

  public SqlPipeline() {
    super("sql", ResultKind.ROWS,
        "the rows of --query over each batch's (or --window's) views lines and words"
        + " (transformWith, DataFrames, spark.sql)", Settings::of, QUERY,
        PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS, PipelineOptions.OPTIONAL_WINDOW,
        PipelineOptions.OPTIONAL_SLIDE);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    if (s.query() == null) {
      throw new UsageException("--pipeline sql needs --query SQL, e.g. --query \"SELECT word,"
          + " COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC LIMIT 5\"");
    }
    s.window().validate(name(), job.batchMs());
  }

  @Override
  public long batchesAfterInput(Settings s, Options job) {
    return s.window().batchesAfterInput(job.batchMs());
  }

  /** Analyzes the query against empty views: a bad query is refused before the stream starts. */
  @Override
  public void beforeStart(Settings s, Options job, JavaStreamingContext ssc) throws UsageException {
    analyze(session(ssc.sparkContext().sc()), s.query());
  }

  /**
   * Checks {@code query} and analyzes it against empty views in {@code spark}; a bad one is a usage
   * error. Both engines call this before anything starts.
   *
   * <p>Analysis alone is not harmless: {@code spark.sql} runs a command at once (a
   * {@code CREATE TABLE t AS SELECT 1} wrote {@code ./spark-warehouse/t}), and a query may call
   * any Java method ({@code java_method('java.lang.System','exit',3)} exited the driver at its
   * first batch) or read any file ({@code parquet.`/etc`}). So the text is first parsed with
   * Spark's parser, which runs nothing: it must parse as a query (Spark's own {@code parseQuery}:
   * {@code SELECT}, {@code WITH}, {@code VALUES}, {@code FROM}, {@code TABLE}), and its plan is
   * walked (subqueries and {@code WITH} definitions included) for what reads other data or runs
   * code: a qualified relation ({@code parquet.`/etc`}, {@code db.table}), a table function,
   * {@code IDENTIFIER(...)} (a name known only at analysis) and the reflection functions. A
   * single-part name other than the views is left to the analyzer, whose session has no other
   * table: it reports it as not found.
   */
  public static void analyze(SparkSession spark, String query) throws UsageException {
    LogicalPlan parsed;
    try {
      parsed = spark.sessionState().sqlParser().parseQuery(query);
    } catch (Exception e) {
      throw new UsageException("--query: " + notAQuery(spark, query, e));
    }
    QueryCheck.refuseUnsafe(parsed);
    Dataset<Row> analyzed;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      analyzed = query(spark, jsc.emptyRDD(), jsc.emptyRDD(), query);
    } catch (Exception e) {
      // ParseException and AnalysisException (checked in Scala's eyes, so javac does not know
      // them) say what and where in their first lines, then repeat the query or the plan.
      throw new UsageException("--query: " + firstLines(e));
    }
    // A function of the session's catalog resolved to reflection under another name.
    QueryCheck.refuseUnsafe(analyzed.queryExecution().analyzed());
  }

  /**
   * Why {@code query}, which does not parse as a query, is refused: a command when it parses as
   * a statement (refused without running it), else the parser's own one-line message.
   */
  private static String notAQuery(SparkSession spark, String query, Exception queryError) {
    try {
      LogicalPlan statement = spark.sessionState().sqlParser().parsePlan(query);
      return "this is a command (" + statement.nodeName() + "), not a query: give a SELECT or"
          + " WITH over the views lines and words; commands are refused before anything runs";
    } catch (Exception e) {
      return firstLines(e);
    }
  }

  /**
   * Spark's message of a refused query in one line: its first line, which says what is wrong, and
   * the SQL state and position, which some messages (an unknown view) give only after a few lines
   * of advice and search path; the query or plan Spark prints below them is left out.
   */
  static String firstLines(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    String first = null;
    for (String line : m.strip().split("\\R")) {
      String l = line.strip();
      if (l.startsWith("==") || l.startsWith("'") || l.startsWith("+-")) {
        break;
      }
      if (first == null) {
        first = l;
        if (l.contains("SQLSTATE") || l.contains(" pos ")) {
          break;
        }
      } else if (l.contains("SQLSTATE")) {
        first = first + " " + l.substring(l.indexOf("SQLSTATE"));
        break;
      } else if (l.contains("; line ")) { // Spark 3.5 gives no SQL state in the message
        first = first + l.substring(l.indexOf("; line "));
        break;
      }
    }
    String one = first == null ? m : first;
    return one.endsWith(";") ? one.substring(0, one.length() - 1) : one;
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    JavaDStream<String> in = s.windows() == null ? lines
        : lines.window(Durations.milliseconds(s.windows().windowMs()),
            Durations.milliseconds(s.windows().slideMs()));
    JavaDStream<String> words =
        StopWords.removeWords(WordCounting.words(in, s.tokenizer()), s.stopWords());
    String query = s.query();
    return PipelineOutput.rows(in.transformWith(words,
        (l, w, time) -> query(session(l.context()), l, w, query).javaRDD()));
  }

  /** {@code query} over the views of {@code lines} and {@code words}, analyzed, not yet run. */
  public static Dataset<Row> query(SparkSession spark, JavaRDD<String> lines, JavaRDD<String> words,
      String query) {
    spark.createDataFrame(lines.map(RowFactory::create), LINES).createOrReplaceTempView("lines");
    spark.createDataFrame(words.map(RowFactory::create), WORDS).createOrReplaceTempView("words");
    return spark.sql(query);
  }

  /**
   * The run's session, built on first use (after a start or a recovery alike) on the job's
   * SparkContext, which {@code getOrCreate} finds active.
   */
  static SparkSession session(SparkContext sc) {
    RunState run = RunState.of(sc);
    synchronized (run) {
      Session s = run.get(Session.class);
      if (s == null || s.spark.sparkContext() != sc) {
        // The builder finds the job's active SparkContext; giving it that context's conf again,
        // as Spark's example does, only adds a WARN that the (same) settings may not apply.
        s = new Session(SparkSession.builder().getOrCreate());
        run.put(Session.class, s);
      }
      return s.spark;
    }
  }

  /** The run's SparkSession. Driver-side, never serialized. */
  private record Session(SparkSession spark) {}
}
