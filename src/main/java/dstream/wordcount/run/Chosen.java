package dstream.wordcount.run;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.outputs.BatchSink;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.pipelines.Pipeline;
import dstream.wordcount.pipelines.PipelineOutput;
import dstream.wordcount.results.ResultKind;
import dstream.wordcount.sources.OpenedSource;
import dstream.wordcount.sources.Source;
import java.io.IOException;
import java.util.Map;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * A component with its settings. The methods capture the settings type, so the runtime never
 * casts a settings record.
 *
 * @param <S> the settings record
 * @param <C> the kind of component
 */
public final class Chosen<S, C extends Component<?>> {
  private final C component;
  private final S settings;

  @SuppressWarnings("unchecked")
  Chosen(C component, Map<Component<?>, Object> all) {
    this.component = component;
    this.settings = (S) all.get(component);
  }

  /** The component. */
  public C component() {
    return component;
  }

  /** Its settings record. */
  public S settings() {
    return settings;
  }

  /** Its name. */
  public String name() {
    return component.name();
  }

  @SuppressWarnings("unchecked")
  private <T extends Component<S>> T typed() {
    return (T) component;
  }

  void validate(Options o) throws UsageException {
    this.<Component<S>>typed().validate(settings, o);
  }

  /** Source: acquires what it needs for {@code run}. */
  public OpenedSource open(Options o, RunState run) throws UsageException, IOException {
    return this.<Source<S>>typed().open(settings, o, run);
  }

  /** Source: whether a job on it can be recovered. */
  public boolean recoverable() {
    return this.<Source<S>>typed().recoverable();
  }

  /** Pipeline: builds it onto {@code lines}. */
  public PipelineOutput build(JavaDStream<String> lines, Options o) {
    return this.<Pipeline<S>>typed().build(lines, settings, o);
  }

  /** Pipeline: its checks on the live context, before the start. */
  public void beforeStart(Options o, JavaStreamingContext ssc) throws UsageException {
    this.<Pipeline<S>>typed().beforeStart(settings, o, ssc);
  }

  /** Pipeline: whether it keeps state. */
  public boolean needsCheckpoint() {
    return this.<Pipeline<S>>typed().needsCheckpoint(settings);
  }

  /** Pipeline: batches a finite source runs after its input. */
  public long batchesAfterInput(Options o) {
    return this.<Pipeline<S>>typed().batchesAfterInput(settings, o);
  }

  /** Output: whether it is on. */
  public boolean enabled() {
    return this.<Output<S>>typed().enabled(settings);
  }

  /** Output: opens its driver-side resources for {@code run}. */
  public void openOutput(Options o, RunState run) throws UsageException, IOException {
    this.<Output<S>>typed().open(settings, o, run);
  }

  /** Output: its sink for results of {@code kind}. */
  public BatchSink sink(ResultKind kind, Options o) {
    return this.<Output<S>>typed().sink(kind, settings, o);
  }

  /** The graph-shaping options of this component for this run, in canonical text. */
  void record(OptionValues values, Map<String, String> into) throws UsageException {
    Component<S> c = typed();
    for (OptionSpec spec : c.options()) {
      if (spec.shapesGraph() && c.records(spec, settings)) {
        into.put(spec.name(), c.recordedValue(spec, settings, values.canonical(spec)));
      }
    }
  }
}
