package dstream.wordcount.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The components of one kind, by CLI name, in registration order (the order of {@code --help}, and
 * for outputs the order they are attached in).
 *
 * @param <C> the kind of component
 */
public final class Registry<C extends Component<?>> {
  private final String option;
  private final Map<String, C> byName = new LinkedHashMap<>();

  /** A registry of the components chosen by {@code --option}, e.g. {@code source}. */
  @SafeVarargs
  public Registry(String option, C... components) {
    this.option = option;
    for (C c : components) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two components are called " + c.name());
      }
      for (OptionSpec o : c.options()) {
        if (o.graph() == null) {
          throw new IllegalStateException(c.name() + " declares --" + o.name()
              + " without saying whether it shapes the graph: add .shaping() or .notShaping()");
        }
      }
    }
  }

  /** The component called {@code name}. */
  public C byName(String name) throws UsageException {
    C c = byName.get(name);
    if (c == null) {
      throw new UsageException("unknown --" + option + " '" + name + "'; choose one of "
          + String.join(", ", byName.keySet()));
    }
    return c;
  }

  /** All components, in registration order. */
  public List<C> all() {
    return Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }
}
