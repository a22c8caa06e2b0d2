package dstream.wordcount.mongoserver;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The server behind {@code bin/mongo-local}: mongo-java-server with its H2 backend, bound to
 * 127.0.0.1 only, its data in one H2 file that outlives restarts. Run as
 * {@code MongoLocal PORT DATA_FILE}; SIGTERM shuts it down cleanly (the H2 file is committed and
 * closed).
 *
 * <p>It answers as MongoDB 5.0 (wire version 8): the default, 3.6, is older than the official
 * Java driver 5.x accepts.
 */
public final class MongoLocal {
  private MongoLocal() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: MongoLocal PORT DATA_FILE");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path file = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(file.getParent());
    H2Backend backend = new H2Backend(file.toString());
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    System.out.println("mongo-local: listening on 127.0.0.1:" + port + ", data in " + file);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("mongo-local: shutting down");
      server.shutdownNow(); // closes the backend: its H2 file is committed
      stopped.countDown();
    }, "mongo-local-shutdown"));
    stopped.await();
  }
}
