package dstream.wordcount.sources;

import dstream.wordcount.cli.Registry;

/** The registry of sources, keyed by their {@code --source} name; the first is the default. */
public final class Sources {
  public static final Registry<Source<?>> REGISTRY = new Registry<>("source",
      new DemoSource(),
      new SocketSource(),
      new ReplaySource(),
      new FilesSource(),
      new KafkaSource(),
      new TailSource());

  private Sources() {}
}
