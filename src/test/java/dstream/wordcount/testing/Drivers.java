package dstream.wordcount.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code bin/run-wordcount} drivers one test started, each killed when the test ends
 * ({@link #close} from an {@code @AfterEach}), whatever state an assertion left them in.
 */
public final class Drivers implements AutoCloseable {
  private final List<Launcher.Run> started = new ArrayList<>();

  /** Starts {@code bin/run-wordcount args} in {@code workDir}. */
  public Launcher.Run start(Path workDir, List<String> args) throws IOException {
    Launcher.Run run = Launcher.start(workDir, "run-wordcount", args.toArray(new String[0]));
    started.add(run);
    return run;
  }

  /** Every driver started so far. */
  public List<Launcher.Run> started() {
    return List.copyOf(started);
  }

  @Override
  public void close() {
    started.forEach(Launcher.Run::close);
  }

  /** The driver's stderr, for a failure message. */
  public static String log(Launcher.Run driver) {
    return "\n--- driver stderr ---\n" + driver.err();
  }
}
