package dstream.wordcount.run;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.Components;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.Digests;
import dstream.wordcount.live.SettingsDigest;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.outputs.Outputs;
import dstream.wordcount.pipelines.Pipeline;
import dstream.wordcount.pipelines.Pipelines;
import dstream.wordcount.sources.RecordFormat;
import dstream.wordcount.sources.Source;
import dstream.wordcount.sources.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed job, immutable: the general {@link Options}, the chosen source and pipeline and every
 * output, each with its own settings record. Parsing reads the settings of every registered
 * component, so a malformed value is refused whichever source or pipeline is chosen; checks that
 * depend on the choice are the components' {@code validate}.
 */
public final class Job {
  private static final Components COMPONENTS = new Components(Sources.REGISTRY.all(),
      RecordFormat.INSTANCE, Pipelines.REGISTRY.all(), Outputs.REGISTRY.all());

  private final Options options;
  private final Map<Component<?>, Object> settings;
  private final Chosen<?, Source<?>> source;
  private final Chosen<?, RecordFormat> format;
  private final Chosen<?, Pipeline<?>> pipeline;
  private final List<Chosen<?, Output<?>>> outputs;

  private Job(Options options, Map<Component<?>, Object> settings) throws UsageException {
    this.options = options;
    this.settings = settings;
    format = new Chosen<>(RecordFormat.INSTANCE, settings);
    if (options.help()) {
      source = null;
      pipeline = null;
      outputs = List.of();
      return;
    }
    source = new Chosen<>(Sources.REGISTRY.byName(options.source()), settings);
    pipeline = new Chosen<>(Pipelines.REGISTRY.byName(options.pipeline()), settings);
    List<Chosen<?, Output<?>>> outs = new ArrayList<>();
    for (Output<?> o : Outputs.REGISTRY.all()) {
      outs.add(new Chosen<>(o, settings));
    }
    outputs = Collections.unmodifiableList(outs);
  }

  /** Every registered component: what the command line, conf keys and {@code --help} derive from. */
  public static Components components() {
    return COMPONENTS;
  }

  /**
   * Parses the command line; {@code defaultConf} is read when {@code --conf} is absent and the file
   * exists (null: none).
   */
  public static Job parse(String[] args, Path defaultConf) throws UsageException {
    Options options = Options.parse(args, defaultConf, COMPONENTS);
    SparkConfs.checkFlowControl(options.sparkConf());
    Map<Component<?>, Object> settings = new IdentityHashMap<>();
    for (Component<?> c : COMPONENTS.all()) {
      settings.put(c, c.settings(options.values()));
    }
    return new Job(options, settings);
  }

  /** {@link #parse(String[], Path)} without a default conf file. */
  public static Job parse(String... args) throws UsageException {
    return parse(args, null);
  }

  /** The general settings and the resolved values. */
  public Options options() {
    return options;
  }

  /** How the source's records become lines ({@code --format}, {@code --json-field}). */
  public RecordFormat.Settings format() {
    return settings(RecordFormat.INSTANCE);
  }

  /** The settings record of {@code component} (any registered one). */
  public <S> S settings(Component<S> component) {
    @SuppressWarnings("unchecked")
    S s = (S) settings.get(component);
    return s;
  }

  /**
   * The settings record of the registered component of class {@code type}, e.g.
   * {@code job.settings(FilterPipeline.class).minLength()}.
   */
  public <S, C extends Component<S>> S settings(Class<C> type) {
    for (Component<?> c : COMPONENTS.all()) {
      if (type.isInstance(c)) {
        return settings(type.cast(c));
      }
    }
    throw new IllegalArgumentException("no registered component of " + type);
  }

  /** The record format, with its settings: chosen for every source. */
  Chosen<?, RecordFormat> recordFormat() {
    return format;
  }

  /** The chosen source. */
  public Chosen<?, Source<?>> source() {
    return source;
  }

  /** The chosen pipeline. */
  public Chosen<?, Pipeline<?>> pipeline() {
    return pipeline;
  }

  /** Every output, enabled or not, in attach order. */
  public List<Chosen<?, Output<?>>> outputs() {
    return outputs;
  }

  /** The enabled outputs, in attach order. */
  public List<Chosen<?, Output<?>>> enabledOutputs() {
    List<Chosen<?, Output<?>>> on = new ArrayList<>();
    for (Chosen<?, Output<?>> o : outputs) {
      if (o.enabled()) {
        on.add(o);
      }
    }
    return on;
  }

  /**
   * The SHA-256 of this job's graph settings ({@link GraphSettings}: what a checkpoint records,
   * credentials left out), one {@code name=value} line each: the same job gives the same digest.
   */
  public SettingsDigest settingsDigest() throws UsageException {
    StringBuilder lines = new StringBuilder();
    GraphSettings.of(this).forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
    return new SettingsDigest(Digests.sha256(lines.toString()));
  }

  /** Checks everything a user can get wrong before any Spark work starts. */
  public void validate() throws UsageException {
    source.validate(options);
    format.validate(options);
    pipeline.validate(options);
    for (Chosen<?, Output<?>> o : enabledOutputs()) {
      o.validate(options);
    }
  }
}
