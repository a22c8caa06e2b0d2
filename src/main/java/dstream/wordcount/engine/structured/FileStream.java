package dstream.wordcount.engine.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.octet_length;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.HadoopConf;
import dstream.wordcount.live.RunState;
import dstream.wordcount.sources.FilesSource;
import dstream.wordcount.text.LineLimit;
import java.io.IOException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * {@code files} on the structured engine: Spark's file source ({@code readStream().text(dir)})
 * on the same directory, local or {@code hdfs://}. The files it has taken are in the query's
 * checkpoint, so a file moved in while the job was down is read once after the restart. Unlike
 * {@code textFileStream}, which only takes files newer than the job's start, it also reads the
 * files already there when a query starts afresh. Twin of {@link FilesSource}.
 */
final class FileStream implements StructuredSource<FilesSource.Settings> {
  @Override
  public StreamInput open(FilesSource.Settings s, Options job, RunState run, SparkSession spark)
      throws UsageException, IOException {
    FilesSource.watch(s, job, run); // the same WARN and INFO as on the DStream engine
    HadoopConf.boundLines(spark.sparkContext().hadoopConfiguration());
    // Hadoop's reader skips a long line within a split, but where one crosses the split's end it
    // returns its first bytes, cut at the bound: dropped here.
    Dataset<String> lines = spark.readStream().textFile(s.dir())
        .where(octet_length(col("value")).leq(LineLimit.MAX_LINE_BYTES));
    return StreamInput.of(lines, "watching " + s.dir()
        + " for new files (move complete files in; files already there are read too)");
  }
}
