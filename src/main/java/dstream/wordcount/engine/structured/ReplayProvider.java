package dstream.wordcount.engine.structured;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The replay source as a Spark DataSource V2 micro-batch source, loaded by class name:
 * {@code spark.readStream().format(ReplayProvider.class.getName()).option("path", FILE)
 * .option("linesPerBatch", N).load()}. A DataSource V2 source rather than a memory stream because
 * its offsets (line numbers) live in the query's checkpoint: a query restarted from its checkpoint
 * resumes at the first line it had not processed, which the DStream engine's queueStream replay
 * cannot do. One column, {@code value}, a line each. Micro-batch k holds lines
 * {@code k*N .. k*N+N-1}, one micro-batch per trigger ({@link ReplayMicroBatchStream}).
 *
 * <p>Executors read the file themselves, at the byte offset the driver's index gives: the path
 * must name the same file on every executor (local mode, or a file system they share).
 */
public final class ReplayProvider implements TableProvider {
  /** Option: the file to replay. */
  public static final String PATH = "path";
  /** Option: lines per micro-batch, at least 1. */
  public static final String LINES_PER_BATCH = "linesPerBatch";
  /** One line per row, never null. */
  public static final StructType SCHEMA =
      new StructType().add("value", DataTypes.StringType, false);

  /** Spark instantiates providers by reflection. */
  public ReplayProvider() {}

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    CaseInsensitiveStringMap options = new CaseInsensitiveStringMap(properties);
    String path = options.get(PATH);
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("the replay source needs option '" + PATH + "': the file to replay");
    }
    String n = options.get(LINES_PER_BATCH);
    int every;
    try {
      every = n == null ? 0 : Integer.parseInt(n.trim());
    } catch (NumberFormatException e) {
      every = 0;
    }
    if (every < 1) {
      throw new IllegalArgumentException("the replay source needs option '" + LINES_PER_BATCH
          + "': a whole number of lines per micro-batch, at least 1 (got " + n + ")");
    }
    return new ReplayTable(path, every);
  }

  /** The file as a table that only micro-batch streams read. */
  static final class ReplayTable implements SupportsRead {
    private final String path;
    private final int every;

    ReplayTable(String path, int every) {
      this.path = path;
      this.every = every;
    }

    @Override
    public String name() {
      return "replay(" + path + ")";
    }

    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
      return EnumSet.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      return new ReplayScan(path, every);
    }
  }

  /** Nothing to push down into a replay: the builder is its own scan. */
  static final class ReplayScan implements ScanBuilder, Scan {
    private final String path;
    private final int every;

    ReplayScan(String path, int every) {
      this.path = path;
      this.every = every;
    }

    @Override
    public Scan build() {
      return this;
    }

    @Override
    public StructType readSchema() {
      return SCHEMA;
    }

    @Override
    public String description() {
      return "replay " + path + ", " + every + " line(s) per micro-batch";
    }

    /** Called once per query start, on the driver: the file is indexed here. */
    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
      return new ReplayMicroBatchStream(Path.of(path), every);
    }
  }
}
