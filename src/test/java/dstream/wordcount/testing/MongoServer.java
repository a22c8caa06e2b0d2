package dstream.wordcount.testing;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MongoDB wire-protocol server for tests, run by the project's own {@code bin/mongo-local} on a
 * free loopback port with its data in a fresh temp directory, so the script is tested too; read
 * back with MongoDB's official driver. A test class registers it as
 * {@code @RegisterExtension static final MongoServer mongo = new MongoServer();}: it starts before
 * the class's tests and is stopped, its directory removed, after them.
 */
public final class MongoServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  /** Generous: the first start on a fresh clone resolves the server's jars with Maven. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** The code mongo-java-server answers with when a command failed inside it. */
  private static final int SERVER_INTERNAL_ERROR = -1;
  private static final int READ_ATTEMPTS = 5;

  private final LocalDaemon daemon;
  private MongoClient reader;

  /** A server with an empty data directory, started by JUnit around the registering class. */
  public MongoServer() {
    this.daemon = LocalDaemon.on("mongo-local", LocalDaemon.tempData("mongo-local-test-"),
        START_TIMEOUT, STOP_TIMEOUT);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startAgain();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** {@code mongodb://127.0.0.1:PORT/DATABASE}, for {@code --mongo}. */
  public String uri(String database) {
    return "mongodb://127.0.0.1:" + port() + "/" + database;
  }

  public int port() {
    return daemon.port();
  }

  /** Starts the stopped server again on the same port and data. */
  public void startAgain() {
    Launcher.Result r = daemon.start();
    if (!r.out().contains("--mongo " + uri("streaming"))) {
      throw new AssertionError("bin/mongo-local start did not print the URI:\n" + r.out());
    }
  }

  /** Stops the server (SIGTERM, bounded). */
  public void stop() {
    closeReader();
    daemon.stop();
  }

  /**
   * The documents of {@code collection} in {@code database}, by {@code _id}, read by the driver.
   * A read that races the job's writes can fail inside this development server (code -1,
   * "Unknown error: null", where MongoDB answers); it is tried again, a few times, 100 ms apart.
   */
  public synchronized List<Document> documents(String database, String collection) {
    if (reader == null) {
      reader = MongoClients.create(uri(database) + "?serverSelectionTimeoutMS=5000");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return reader.getDatabase(database).getCollection(collection).find()
            .sort(Sorts.ascending("_id")).into(new ArrayList<>());
      } catch (MongoServerException e) {
        if (e.getCode() != SERVER_INTERNAL_ERROR || attempt == READ_ATTEMPTS) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading MongoDB", e);
    }
  }

  private synchronized void closeReader() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }

  @Override
  public void close() {
    closeReader();
    daemon.stopAndDelete();
  }
}
