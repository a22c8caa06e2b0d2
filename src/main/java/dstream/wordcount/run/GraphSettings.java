package dstream.wordcount.run;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.outputs.Output;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that shape a job's graph, by option name, in canonical text: what a checkpoint
 * directory records and what a restart must repeat. Derived from the declarations: every option
 * marked {@link OptionSpec#shapesGraph()} of the general options, the chosen source, the record
 * format, the chosen pipeline and every output. In this order: the source, its options and its
 * record format, the pipeline and the batch, the pipeline's options, the outputs' options (a
 * recovered graph keeps writing where it wrote before). Options not marked (master and UI port,
 * which Spark takes from the restarted driver, see {@code engine.dstream.CheckpointedContext};
 * {@code --duration}; secrets) are not recorded.
 */
final class GraphSettings {
  private GraphSettings() {}

  /** The graph-shaping settings of {@code job}, in a stable order. */
  static Map<String, String> of(Job job) throws UsageException {
    Options o = job.options();
    OptionValues v = o.values();
    Map<String, String> s = new LinkedHashMap<>();
    OptionSpec sourceOption = Options.sourceOption(Job.components());
    s.put(sourceOption.name(), o.source());
    job.source().record(v, s);
    job.recordFormat().record(v, s);
    for (OptionSpec general : Options.general(Job.components())) {
      if (general.shapesGraph() && !general.equals(sourceOption)) {
        s.put(general.name(), v.canonical(general));
      }
    }
    job.pipeline().record(v, s);
    for (Chosen<?, Output<?>> out : job.outputs()) {
      out.record(v, s);
    }
    return s;
  }
}
