package dstream.wordcount.outputs.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dstream.wordcount.outputs.db.DbRow;
import dstream.wordcount.outputs.db.DbTable;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The documents of the MongoDB output: one collection per {@link DbTable}, named as the
 * {@code --db} table without prefix, each document with the table's columns as fields and an
 * {@code _id} made of its key (the batch time, a word, ...), so writing a row twice replaces one
 * document instead of adding a second.
 */
final class MongoDocs {
  private MongoDocs() {}

  /**
   * The {@code _id} of a row: its single key value ({@code batch_time} of a stats document, the
   * word of a total), else the key values joined by {@code :} ({@code 1796160784000:spark}).
   */
  static Object id(DbRow row) {
    List<String> key = row.table().key();
    List<String> columns = row.table().columns();
    if (key.size() == 1) {
      return row.values()[columns.indexOf(key.get(0))];
    }
    List<String> parts = new ArrayList<>();
    for (String k : key) {
      parts.add(String.valueOf(row.values()[columns.indexOf(k)]));
    }
    return String.join(":", parts);
  }

  /** The document of {@code row}: {@code _id}, then the columns in order. */
  static Document document(DbRow row) {
    Document d = new Document("_id", id(row));
    List<String> columns = row.table().columns();
    for (int i = 0; i < columns.size(); i++) {
      d.append(columns.get(i), row.values()[i]);
    }
    return d;
  }

  /**
   * Creates the indexes a reader needs where missing (creating one that exists is a no-op): by
   * batch time and by word, besides the {@code _id} index every collection has.
   */
  static void ensureIndexes(MongoDatabase db, List<DbTable> tables) {
    for (DbTable t : tables) {
      List<String> columns = t.columns();
      if (columns.contains("batch_time")) {
        db.getCollection(t.suffix()).createIndex(Indexes.ascending("batch_time"),
            new IndexOptions().name("batch_time"));
      }
      if (columns.contains("word") && !t.key().equals(List.of("word"))) {
        db.getCollection(t.suffix()).createIndex(Indexes.ascending("word"),
            new IndexOptions().name("word"));
      }
    }
  }
}
