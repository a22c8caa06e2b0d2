package dstream.wordcount.outputs;

import dstream.wordcount.cli.Registry;
import dstream.wordcount.outputs.db.DbOutput;
import dstream.wordcount.outputs.mongo.MongoOutput;

/**
 * The registry of outputs. Registration order is the order their output operations run in each
 * batch: results first (console, then files, then the databases: SQL, MongoDB), then the alerts about them, then
 * the dashboard (a batch is on the page once it is stored); the source's after-output step (the
 * Kafka commit) always runs after all of them.
 */
public final class Outputs {
  public static final Registry<Output<?>> REGISTRY = new Registry<>("output",
      new ConsoleOutput(),
      new TextFilesOutput(),
      new DbOutput(),
      new MongoOutput(),
      new AlertsOutput(),
      new DashboardOutput());

  private Outputs() {}
}
