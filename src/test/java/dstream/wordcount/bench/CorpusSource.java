package dstream.wordcount.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Structured Streaming source that feeds pre-built batches of corpus lines, one batch per
 * trigger, the peer of the DStream side's {@code queueStream} of cached RDDs: what the Structured
 * Streaming rows of the bench time is the per-batch processing, not reading input.
 *
 * <p>Why a source of our own: Spark's {@code MemoryStream} is internal API (it moved package
 * between 3.5 and 4.2); the file source would time file listing and parsing, which the DStream side
 * does not pay. This one is written against the public Data Source V2 interfaces, the same in both
 * Spark lines. Batches are registered under an id before the query starts and held as rows in
 * Spark's own internal form ({@link UTF8String} values), the counterpart of the DStream side's
 * deserialized cached {@code String}s. The registry is a static map, so this works where the bench
 * runs, {@code local[2]}: the readers run in the driver's JVM.
 *
 * <p>Offsets are batch numbers; with admission control each trigger admits exactly the next batch,
 * so trigger k processes batch k, as the DStream side's batch k holds the k-th queued RDD.
 */
public final class CorpusSource implements TableProvider {
  /** The option naming the registered batches. */
  static final String ID = "id";
  private static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType, false);
  /** id to batch to partition to rows. */
  private static final Map<String, List<List<InternalRow[]>>> BATCHES = new ConcurrentHashMap<>();

  /** Spark instantiates providers by their class name. */
  public CorpusSource() {}

  /**
   * Registers {@code batches} (batch to partition to lines) under {@code id}, converted to rows
   * now, before any timing; a batch repeated in the list shares its rows.
   */
  static void register(String id, List<List<List<String>>> batches) {
    Map<List<List<String>>, List<InternalRow[]>> converted = new java.util.IdentityHashMap<>();
    List<List<InternalRow[]>> out = new ArrayList<>(batches.size());
    for (List<List<String>> batch : batches) {
      out.add(converted.computeIfAbsent(batch, CorpusSource::rows));
    }
    BATCHES.put(id, out);
  }

  /** Forgets the batches of {@code id}. */
  static void unregister(String id) {
    BATCHES.remove(id);
  }

  private static List<InternalRow[]> rows(List<List<String>> partitions) {
    List<InternalRow[]> out = new ArrayList<>(partitions.size());
    for (List<String> lines : partitions) {
      InternalRow[] rows = new InternalRow[lines.size()];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new GenericInternalRow(new Object[] {UTF8String.fromString(lines.get(i))});
      }
      out.add(rows);
    }
    return out;
  }

  private static List<List<InternalRow[]>> batches(String id) {
    List<List<InternalRow[]>> b = BATCHES.get(id);
    if (b == null) {
      throw new IllegalStateException("no corpus batches registered as '" + id + "'");
    }
    return b;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new CorpusTable(properties.get(ID));
  }

  /** The table of one registration: readable as a micro-batch stream only. */
  private record CorpusTable(String id) implements Table, SupportsRead {
    @Override
    public String name() {
      return "corpus " + id;
    }

    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
      return Set.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      return () -> new CorpusScan(id);
    }
  }

  private record CorpusScan(String id) implements Scan {
    @Override
    public StructType readSchema() {
      return SCHEMA;
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
      return new Stream(id, batches(id).size());
    }
  }

  /** A batch number as an offset: batches {@code [start, end)} are read between two offsets. */
  private static final class BatchOffset extends Offset {
    final long next;

    BatchOffset(long next) {
      this.next = next;
    }

    @Override
    public String json() {
      return Long.toString(next);
    }
  }

  private record Stream(String id, int total) implements MicroBatchStream, SupportsAdmissionControl {
    @Override
    public Offset initialOffset() {
      return new BatchOffset(0);
    }

    @Override
    public Offset latestOffset() {
      return new BatchOffset(total);
    }

    @Override
    public ReadLimit getDefaultReadLimit() {
      return ReadLimit.allAvailable();
    }

    /**
     * One batch more than {@code start}, whatever the limit: one queued batch per trigger, as
     * queueStream does.
     */
    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
      long from = start == null ? 0 : ((BatchOffset) start).next;
      return new BatchOffset(Math.min(total, from + 1));
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
      List<InputPartition> parts = new ArrayList<>();
      for (long b = ((BatchOffset) start).next; b < ((BatchOffset) end).next; b++) {
        int n = batches(id).get((int) b).size();
        for (int p = 0; p < n; p++) {
          parts.add(new Part(id, (int) b, p));
        }
      }
      return parts.toArray(new InputPartition[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
      return new Readers();
    }

    @Override
    public Offset deserializeOffset(String json) {
      return new BatchOffset(Long.parseLong(json.trim()));
    }

    @Override
    public void commit(Offset end) {
      // nothing to release: the registered batches live until the measure unregisters them
    }

    @Override
    public void stop() {
      // same
    }
  }

  /** Partition {@code part} of batch {@code batch} of registration {@code id}. */
  private record Part(String id, int batch, int part) implements InputPartition, Serializable {}

  private static final class Readers implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      Part p = (Part) partition;
      return new Reader(batches(p.id()).get(p.batch()).get(p.part()));
    }
  }

  private static final class Reader implements PartitionReader<InternalRow> {
    private final InternalRow[] rows;
    private int next = -1;

    Reader(InternalRow[] rows) {
      this.rows = rows;
    }

    @Override
    public boolean next() {
      return ++next < rows.length;
    }

    @Override
    public InternalRow get() {
      return rows[next];
    }

    @Override
    public void close() {
      // the rows stay registered
    }
  }
}
