package dstream.wordcount.engine.structured;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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
 * What our own DataSource V2 line sources ({@link ReplayProvider}, {@link TailProvider}) share:
 * one column, {@code value}, a line each (the replay adds each line's batch {@code time} when a
 * windowed query asks for it); a table that only micro-batch streams read; nothing to
 * push down, so the scan builder is its own scan. A subclass reads its options into a
 * {@link Lines}: the table's name, the scan's description, and how a query start makes its
 * {@link MicroBatchStream} (on the driver, once per start).
 */
abstract class LinesProvider implements TableProvider {
  /** One line per row, never null. */
  static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType, false);
  /**
   * A line and the time of its batch; a null line is a tick, a row that only moves the time on
   * (see {@link ReplayMicroBatchStream}).
   */
  static final StructType TIMED_SCHEMA = new StructType()
      .add("value", DataTypes.StringType, true)
      .add("time", DataTypes.TimestampType, false);

  /**
   * A source read from its options.
   *
   * @param name the table's name in plans and progress
   * @param description the scan's description
   * @param schema the rows' schema
   * @param streams makes the driver side of one query start
   */
  record Lines(String name, String description, StructType schema,
      Supplier<MicroBatchStream> streams) {
    /** A source of untimed lines ({@link #SCHEMA}). */
    Lines(String name, String description, Supplier<MicroBatchStream> streams) {
      this(name, description, SCHEMA, streams);
    }
  }

  /** Reads the options; a missing or bad one is an {@code IllegalArgumentException}. */
  abstract Lines lines(CaseInsensitiveStringMap options);

  /** The option {@code key}, which must be given. */
  static String required(CaseInsensitiveStringMap options, String key, String source, String what) {
    String v = options.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(
          "the " + source + " source needs option '" + key + "': " + what);
    }
    return v;
  }

  /** The lines in option {@code key}, which must be a whole number of at least 1. */
  static long atLeastOne(CaseInsensitiveStringMap options, String key, String source) {
    long n = number(options, key);
    if (n < 1) {
      throw new IllegalArgumentException("the " + source + " source needs option '" + key
          + "': a whole number of lines, at least 1 (got " + options.get(key) + ")");
    }
    return n;
  }

  /** The whole number in option {@code key}, or -1 when it is missing or not a number. */
  static long number(CaseInsensitiveStringMap options, String key) {
    String n = options.get(key);
    try {
      return n == null ? -1 : Long.parseLong(n.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return lines(options).schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new LinesTable(lines(new CaseInsensitiveStringMap(properties)));
  }

  /** The source as a table that only micro-batch streams read. */
  static final class LinesTable implements SupportsRead {
    private final Lines lines;

    LinesTable(Lines lines) {
      this.lines = lines;
    }

    @Override
    public String name() {
      return lines.name();
    }

    @Override
    public StructType schema() {
      return lines.schema();
    }

    @Override
    public Set<TableCapability> capabilities() {
      return EnumSet.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      return new LinesScan(lines);
    }
  }

  /** Nothing to push down: the builder is its own scan. */
  static final class LinesScan implements ScanBuilder, Scan {
    private final Lines lines;

    LinesScan(Lines lines) {
      this.lines = lines;
    }

    @Override
    public Scan build() {
      return this;
    }

    @Override
    public StructType readSchema() {
      return lines.schema();
    }

    @Override
    public String description() {
      return lines.description();
    }

    /** Called once per query start, on the driver. */
    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
      return lines.streams().get();
    }
  }
}
