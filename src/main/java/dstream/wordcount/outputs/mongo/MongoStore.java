package dstream.wordcount.outputs.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dstream.wordcount.live.SettingsDigest;
import dstream.wordcount.outputs.db.BatchStore;
import dstream.wordcount.outputs.db.DbCredentials;
import dstream.wordcount.outputs.db.DbRow;
import dstream.wordcount.outputs.db.DbTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The collections of {@code --mongo} as a {@link BatchStore}: every document is replaced by its
 * {@code _id} (an upsert: a re-run writes the same documents again), the {@code batches} document
 * last. {@code totals} holds one document per word; its upsert only matches a total from the same
 * or an older batch, so an older batch never moves a total back: the insert it then attempts
 * collides with the newer document's {@code _id}, a duplicate-key error that is the expected
 * outcome and is ignored.
 *
 * @param s the output's settings (no credentials)
 * @param c the run's credentials, carried to the executors inside the task
 * @param retryForMs {@code mongo.retry-for}
 * @param settingsDigest the job's {@code SettingsDigest}, written into each {@code batches}
 *     document as {@code settings} (null: left out)
 */
record MongoStore(MongoSettings s, DbCredentials c, long retryForMs, String settingsDigest)
    implements BatchStore {
  /** Documents sent per bulk write. */
  static final int BULK = 500;
  private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  @Override
  public String name() {
    return "mongodb";
  }

  @Override
  public String batchesName() {
    return DbTable.BATCHES.suffix();
  }

  private MongoDatabase db() {
    return MongoConnections.database(s, c);
  }

  @Override
  public boolean isCommitted(long t) {
    return db().getCollection(DbTable.BATCHES.suffix()).find(Filters.eq("_id", t)).first() != null;
  }

  @Override
  public void clearPartial(long t) {
    for (DbTable table : s.perBatch()) {
      db().getCollection(table.suffix()).deleteMany(Filters.eq("batch_time", t));
    }
  }

  @Override
  public long writePartition(Iterator<DbRow> rows) {
    Map<DbTable, List<WriteModel<Document>>> pending = new EnumMap<>(DbTable.class);
    List<WriteModel<Document>> evictions = new ArrayList<>();
    long written = 0;
    while (rows.hasNext()) {
      DbRow row = rows.next();
      List<WriteModel<Document>> models = pending.computeIfAbsent(row.table(), k -> new ArrayList<>());
      models.add(new ReplaceOneModel<>(filter(row), MongoDocs.document(row), UPSERT));
      if (row.table() == DbTable.EVICTIONS) {
        // The evicted word's total goes, unless a newer batch wrote it again.
        evictions.add(new DeleteOneModel<>(Filters.and(Filters.eq("_id", row.values()[1]),
            Filters.lte("batch_time", row.values()[0]))));
      }
      written++;
      if (models.size() >= BULK) {
        flush(row.table(), models);
      }
      if (evictions.size() >= BULK) {
        flush(DbTable.TOTALS, evictions);
      }
    }
    pending.forEach(this::flush);
    flush(DbTable.TOTALS, evictions);
    return written;
  }

  /** A row's document by its {@code _id}; a total only if not newer than the row's batch. */
  private static Bson filter(DbRow row) {
    Bson id = Filters.eq("_id", MongoDocs.id(row));
    return row.table() == DbTable.TOTALS
        ? Filters.and(id, Filters.lte("batch_time", row.values()[2])) : id;
  }

  private void flush(DbTable table, List<WriteModel<Document>> models) {
    if (models.isEmpty()) {
      return;
    }
    MongoCollection<Document> coll = db().getCollection(table.suffix());
    try {
      coll.bulkWrite(models, UNORDERED);
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        boolean newerTotal = table == DbTable.TOTALS
            && ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
        if (!newerTotal) {
          throw e;
        }
      }
    }
    models.clear();
  }

  @Override
  public void commit(long t, long records) {
    DbRow row = new DbRow(DbTable.BATCHES,
        new Object[] {t, s.pipeline(), records, System.currentTimeMillis()});
    Document doc = MongoDocs.document(row);
    if (settingsDigest != null) {
      doc.append("settings", settingsDigest);
    }
    db().getCollection(DbTable.BATCHES.suffix()).replaceOne(Filters.eq("_id", t), doc, UPSERT);
  }

  @Override
  public boolean isStoreFailure(Throwable e) {
    return BatchStore.causedBy(e, MongoException.class, "com.mongodb.");
  }

  @Override
  public void reset() {
    MongoConnections.closeAll();
  }

  @Override
  public String toString() {
    return "MongoStore[" + s.uri() + ", " + c + "]";
  }
}
