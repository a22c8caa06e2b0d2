package dstream.wordcount.live;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live, driver-side objects of one run (the Kafka source's commit progress, an output's
 * server, the outcomes of each batch's outputs), created and closed by the job runner: nothing of a
 * run lives in statics, so two runs in one JVM (tests, the benchmark) never see each other's.
 *
 * <p>How a closure reaches them. A checkpoint serializes the graph's closures and a recovered
 * driver deserializes them, so a closure must not hold a live object. A closure that runs on the
 * driver ({@code foreachRDD}, {@code transform}) instead looks up the run its RDD belongs to:
 * {@code RunState.of(rdd.context()).get(MyServer.class)}. The runner {@link #bind binds} the run to
 * the SparkContext of its streaming context once that context exists, created or recovered, and
 * {@link #close() unbinds} it at the end.
 *
 * <p>Lifecycle for outputs and sources: register what the run needs before the streaming context
 * exists ({@link #put}), add a {@link #addListener listener} (the runner adds every listener to the
 * context after creation and after recovery alike) and a {@link #closeAtEnd closer} (run after the
 * context has stopped, in reverse order).
 */
public final class RunState implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunState.class);
  /** The run each live SparkContext is bound to: an index by identity, not run state itself. */
  private static final Map<SparkContext, RunState> BOUND = new IdentityHashMap<>();

  private final Map<Class<?>, Object> objects = new LinkedHashMap<>();
  private final List<StreamingListener> listeners = new ArrayList<>();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final List<Function<Throwable, String>> diagnoses = new ArrayList<>();
  private final List<BatchObserver> observers = new ArrayList<>();
  private final OutputOutcomes outcomes = new OutputOutcomes();
  private SparkContext boundTo;
  private volatile String failure;

  /** A new, empty run. */
  public RunState() {
    listeners.add(outcomes.listener());
  }

  /**
   * The run whose streaming context runs on {@code sc}; for closures that execute on the driver.
   *
   * @throws IllegalStateException when no run is bound to {@code sc}
   */
  public static RunState of(SparkContext sc) {
    synchronized (BOUND) {
      RunState run = BOUND.get(sc);
      if (run == null) {
        throw new IllegalStateException("no run is bound to SparkContext " + sc.applicationId());
      }
      return run;
    }
  }

  /** Binds this run to the SparkContext its streaming context uses, replacing an earlier run. */
  public void bind(SparkContext sc) {
    synchronized (BOUND) {
      unbind();
      BOUND.put(sc, this);
      boundTo = sc;
    }
  }

  private void unbind() {
    synchronized (BOUND) {
      if (boundTo != null && BOUND.get(boundTo) == this) {
        BOUND.remove(boundTo);
      }
      boundTo = null;
    }
  }

  /** Registers the run's object of type {@code type}, e.g. a server started for this run. */
  public synchronized <T> void put(Class<T> type, T object) {
    objects.put(type, type.cast(object));
  }

  /** The run's object of type {@code type}, or null. */
  public synchronized <T> T get(Class<T> type) {
    return type.cast(objects.get(type));
  }

  /** Adds a listener the runner adds to the streaming context, after creation and recovery. */
  public synchronized void addListener(StreamingListener listener) {
    listeners.add(listener);
  }

  /** The listeners of this run, the outcome record's first. */
  public synchronized List<StreamingListener> listeners() {
    return Collections.unmodifiableList(new ArrayList<>(listeners));
  }

  /** Told about each completed batch, on either engine. */
  @FunctionalInterface
  public interface BatchObserver {
    /** A batch of {@code records} input records took {@code processingMs} after a delay. */
    void completed(long batchTimeMs, long records, long processingMs, long schedulingDelayMs);
  }

  /** Adds an observer of the run's completed batches (e.g. the dashboard's timing chart). */
  public synchronized void observeBatches(BatchObserver observer) {
    observers.add(observer);
  }

  /** Called by the engine's batch log once per completed batch. */
  public void batchCompleted(long batchTimeMs, long records, long processingMs,
      long schedulingDelayMs) {
    List<BatchObserver> now;
    synchronized (this) {
      now = new ArrayList<>(observers);
    }
    for (BatchObserver o : now) {
      o.completed(batchTimeMs, records, processingMs, schedulingDelayMs);
    }
  }

  /**
   * Ends the run as failed, for a part that cannot go on outside Spark's own jobs (a deleted Kafka
   * topic): the runner's wait throws {@link RunFailure} with {@code line}. The first line wins.
   */
  public synchronized void fail(String line) {
    if (failure == null) {
      failure = line;
    }
  }

  /** The line a part failed the run with, or null. */
  public String failure() {
    return failure;
  }

  /**
   * Adds a part that can tell, when the engine fails with a bare error, what failed in one line
   * (a full checkpoint directory), or null when it is not the cause.
   */
  public synchronized void diagnoseWith(Function<Throwable, String> diagnosis) {
    diagnoses.add(diagnosis);
  }

  /** {@link #failure()}, else the first line a part's diagnosis of {@code e} gives, else null. */
  public String failureOrDiagnosis(Throwable e) {
    if (failure != null) {
      return failure;
    }
    List<Function<Throwable, String>> all;
    synchronized (this) {
      all = new ArrayList<>(diagnoses);
    }
    for (Function<Throwable, String> d : all) {
      String line = d.apply(e);
      if (line != null) {
        return line;
      }
    }
    return null;
  }

  /** Runs {@code closer} at the end of the run, after the streaming context stopped. */
  public synchronized void closeAtEnd(AutoCloseable closer) {
    closers.add(closer);
  }

  /** How each batch's output operations ended in this run. */
  public OutputOutcomes outcomes() {
    return outcomes;
  }

  /** Closes what the run registered, last first, and unbinds it. */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(closers);
      closers.clear();
    }
    Collections.reverse(toClose);
    for (AutoCloseable c : toClose) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} at the end of the run failed: {}", c, e.toString());
      }
    }
    unbind();
  }
}
