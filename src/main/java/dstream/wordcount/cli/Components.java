package dstream.wordcount.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every component the driver knows, by kind, in registry order: what the command line, the conf
 * file and {@code --help} are derived from. Built by the run from the three registries and the
 * record format; the CLI only reads the declarations.
 *
 * @param sources the {@code --source} choices
 * @param recordFormat how every source's records become lines ({@code --format})
 * @param pipelines the {@code --pipeline} choices
 * @param outputs every output, in the order their output operations are attached
 */
public record Components(List<? extends Component<?>> sources, Component<?> recordFormat,
    List<? extends Component<?>> pipelines, List<? extends Component<?>> outputs) {

  /** Names of the components of one kind. */
  public static List<String> names(List<? extends Component<?>> components) {
    List<String> names = new ArrayList<>();
    components.forEach(c -> names.add(c.name()));
    return names;
  }

  /** Every declaration: the general options first, then every component's, as in {@link #all}. */
  public List<OptionSpec> allOptions() {
    List<OptionSpec> all = new ArrayList<>(Options.general(this));
    for (Component<?> c : all()) {
      all.addAll(c.options());
    }
    return all;
  }

  /** All components: sources, the record format, pipelines, outputs. */
  public List<Component<?>> all() {
    List<Component<?>> all = new ArrayList<>(sources);
    all.add(recordFormat);
    all.addAll(pipelines);
    all.addAll(outputs);
    return all;
  }

  /** The help groups: title to components, in order. */
  Map<String, List<? extends Component<?>>> groups() {
    Map<String, List<? extends Component<?>>> g = new LinkedHashMap<>();
    g.put("Sources (--source NAME)", sources);
    g.put("Record format (every source)", List.of(recordFormat));
    g.put("Pipelines (--pipeline NAME)", pipelines);
    g.put("Outputs (attached in this order)", outputs);
    return g;
  }
}
