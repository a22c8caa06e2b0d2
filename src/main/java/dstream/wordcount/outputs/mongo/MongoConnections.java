package dstream.wordcount.outputs.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dstream.wordcount.outputs.db.DbCredentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One driver client per JVM (driver and each executor) and server: a {@link MongoClient} is
 * itself a thread-safe connection pool, so every partition of this JVM shares it instead of
 * opening connections per batch.
 */
final class MongoConnections {
  /** A dead server fails an attempt after this, so the batch's retry loop goes on. */
  static final long SELECT_MS = 5_000;
  private static final int CONNECT_MS = 5_000;
  private static final int READ_MS = 60_000;
  private static final Map<String, MongoClient> CLIENTS = new ConcurrentHashMap<>();

  private MongoConnections() {}

  /** The database of {@code s}, on this JVM's client for it. */
  static MongoDatabase database(MongoSettings s, DbCredentials c) {
    // The key is in memory only; the password is part of it so a changed one opens a new client.
    String key = s.uri() + '\u0000' + c.user() + '\u0000' + c.password();
    return CLIENTS.computeIfAbsent(key, k -> open(s, c, SELECT_MS)).getDatabase(s.database());
  }

  /**
   * A new client (the caller closes it); {@code selectMs} bounds the wait for a server. Settings
   * the URI gives (timeouts, write concern, TLS) win over these defaults.
   */
  static MongoClient open(MongoSettings s, DbCredentials c, long selectMs) {
    MongoClientSettings settings = MongoClientSettings.builder()
        .applicationName("dstream-wordcount")
        .applyToClusterSettings(b -> b.serverSelectionTimeout(selectMs, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(b -> b.connectTimeout(CONNECT_MS, TimeUnit.MILLISECONDS)
            .readTimeout(READ_MS, TimeUnit.MILLISECONDS))
        .applyConnectionString(new ConnectionString(s.uriWith(c)))
        .build();
    return MongoClients.create(settings);
  }

  /** Closes every client of this JVM (a run's end; a retry after a failure). */
  static void closeAll() {
    for (String key : CLIENTS.keySet()) {
      MongoClient client = CLIENTS.remove(key);
      if (client != null) {
        client.close();
      }
    }
  }
}
