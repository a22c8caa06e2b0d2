package dstream.wordcount.cli;

import java.util.Objects;

/**
 * The declaration of one option by the component that uses it: its name (also its conf-file key),
 * argument, help line, default, type, whether it shapes the checkpointed graph, and whether it is a
 * secret. {@code --help}, the conf-file key check and the checkpoint settings record are all
 * derived from these declarations.
 *
 * <p>A secret is never shown with its value or default, never logged and never recorded in the
 * checkpoint settings; a conf-only option (e.g. a password) has no command-line form at all.
 *
 * @param name the option name without dashes, e.g. {@code window}
 * @param argName what {@code --help} shows as its argument, e.g. {@code D}; null for a flag
 * @param help one line for {@code --help}
 * @param defaultValue the built-in default in option syntax, or null for none
 * @param type how the text is read, and so how the checkpoint record writes it canonically
 * @param graph whether a different value builds a different graph ({@link Graph#SHAPES}: the
 *     value is recorded beside a checkpoint and a restart with another value is refused) or not
 *     ({@link Graph#NOT_RECORDED}); every option must say which, with {@link #shaping()} or
 *     {@link #notShaping()} (null until then, which the registries refuse)
 * @param secret never shown, logged or recorded
 * @param confOnly set only in the conf file (not on the command line)
 * @param unset what the checkpoint record writes when the option has no value
 */
public record OptionSpec(String name, String argName, String help, String defaultValue, Type type,
    Graph graph, boolean secret, boolean confOnly, String unset) {

  /** How an option's text is read. */
  public enum Type { FLAG, TEXT, LIST, NUMBER, DURATION }

  /** Whether an option shapes the checkpointed graph. */
  public enum Graph {
    /** Recorded beside a checkpoint; a restart must repeat it. */
    SHAPES,
    /** Only affects how the driver runs the graph (or is a secret): not recorded. */
    NOT_RECORDED
  }

  public OptionSpec {
    Objects.requireNonNull(name);
    Objects.requireNonNull(help);
    Objects.requireNonNull(type);
    if (secret && graph == Graph.SHAPES) {
      throw new IllegalArgumentException(name + ": a secret is never recorded, so cannot shape the graph");
    }
  }

  /** A free-text option. */
  public static OptionSpec text(String name, String argName, String help, String dflt) {
    return new OptionSpec(name, argName, help, dflt, Type.TEXT, null, false, false, "none");
  }

  /** A comma-separated list. */
  public static OptionSpec list(String name, String argName, String help, String dflt) {
    return new OptionSpec(name, argName, help, dflt, Type.LIST, null, false, false, "none");
  }

  /** A whole number. */
  public static OptionSpec number(String name, String argName, String help, String dflt) {
    return new OptionSpec(name, argName, help, dflt, Type.NUMBER, null, false, false, "none");
  }

  /** A duration such as {@code 500ms}, {@code 2s}, {@code 1m}. */
  public static OptionSpec duration(String name, String argName, String help, String dflt) {
    return new OptionSpec(name, argName, help, dflt, Type.DURATION, null, false, false, "none");
  }

  /** An option without argument, false unless given. */
  public static OptionSpec flag(String name, String help) {
    return new OptionSpec(name, null, help, "false", Type.FLAG, null, false, false, "false");
  }

  /** This option, marked as shaping the checkpointed graph (recorded beside a checkpoint). */
  public OptionSpec shaping() {
    return new OptionSpec(name, argName, help, defaultValue, type, Graph.SHAPES, secret, confOnly, unset);
  }

  /** This option, marked as not shaping the graph (not recorded). */
  public OptionSpec notShaping() {
    return new OptionSpec(name, argName, help, defaultValue, type, Graph.NOT_RECORDED, secret,
        confOnly, unset);
  }

  /** This option, marked secret: never shown, logged or recorded (so it shapes nothing). */
  public OptionSpec asSecret() {
    return new OptionSpec(name, argName, help, defaultValue, type, Graph.NOT_RECORDED, true,
        confOnly, unset);
  }

  /** This option, settable only in the conf file. */
  public OptionSpec asConfOnly() {
    return new OptionSpec(name, argName, help, defaultValue, type, graph, secret, true, unset);
  }

  /** This option with another default, e.g. the window of a pipeline with its own defaults. */
  public OptionSpec withDefault(String dflt, String newHelp) {
    return new OptionSpec(name, argName, newHelp, dflt, type, graph, secret, confOnly, unset);
  }

  /** This option, recorded as {@code text} when it has no value. */
  public OptionSpec unsetAs(String text) {
    return new OptionSpec(name, argName, help, defaultValue, type, graph, secret, confOnly, text);
  }

  /** True when the option is recorded beside a checkpoint. */
  public boolean shapesGraph() {
    return graph == Graph.SHAPES;
  }

  /** True for an option without argument. */
  public boolean isFlag() {
    return type == Type.FLAG;
  }

  /** {@code --name}, as messages write it. */
  public String flagName() {
    return confOnly ? "conf key " + name : "--" + name;
  }

  /** The help line as {@code --help} shows it, with the default unless secret. */
  public String shownHelp() {
    return defaultValue == null || secret || isFlag() ? help : help + " (default: " + defaultValue + ")";
  }
}
