package dstream.wordcount.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A conf file ({@code --conf FILE}, default {@code conf/wordcount.properties}): Java properties
 * whose keys are the declared option names without dashes, or {@code spark.*} and
 * {@code kafka.*} keys. Any other key is refused in one line, a typo in a conf-only family
 * ({@code db.pasword}) answered with the keys the family has.
 */
public final class ConfFile {
  private ConfFile() {}

  /** The keys and trimmed values of {@code file}; {@code notConfKeys} may not be set in it. */
  static Map<String, String> read(Path file, Collection<OptionSpec> declared,
      Collection<String> notConfKeys, Map<String, String> owners) throws UsageException {
    Map<String, String> conf = load(file);
    for (String key : conf.keySet()) {
      requireKnown(file, key, declared, notConfKeys, owners);
    }
    return conf;
  }

  /**
   * The {@code kafka.*} keys of {@code file}, prefix removed, for a tool that shares the job's
   * conf file ({@code bin/produce}); its other keys are the job's, not checked here.
   */
  public static Map<String, String> kafkaKeys(Path file) throws UsageException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UsageException("--conf " + file + ": no such readable file");
    }
    return withPrefix(load(file), OptionValues.KAFKA_PREFIX, true);
  }

  private static Map<String, String> load(Path file) throws UsageException {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("--conf " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    Map<String, String> conf = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      conf.put(key, props.getProperty(key).trim());
    }
    return conf;
  }

  private static void requireKnown(Path file, String key, Collection<OptionSpec> declared,
      Collection<String> notConfKeys, Map<String, String> owners) throws UsageException {
    if (key.startsWith(OptionValues.SPARK_PREFIX) || key.startsWith(OptionValues.KAFKA_PREFIX)
        || !notConfKeys.contains(key) && declared.stream().anyMatch(s -> s.name().equals(key))) {
      return;
    }
    List<String> family = family(key, declared);
    if (!family.isEmpty()) {
      throw new UsageException("conf key '" + key + "' is unknown: the " + owners.getOrDefault(
          family.get(0), key.substring(0, key.indexOf('.'))) + " keys are " + and(family));
    }
    throw new UsageException(file + ": unknown key '" + key
        + "'; keys are option names without dashes, spark.* or kafka.*");
  }

  /**
   * The declared conf-only keys sharing {@code key}'s dotted prefix ({@code db.pasword}: db.user,
   * db.password), so a typo in such a family is answered with the keys it has.
   */
  private static List<String> family(String key, Collection<OptionSpec> declared) {
    int dot = key.indexOf('.');
    List<String> names = new ArrayList<>();
    if (dot > 0) {
      for (OptionSpec s : declared) {
        if (s.confOnly() && s.name().startsWith(key.substring(0, dot + 1))) {
          names.add(s.name());
        }
      }
    }
    return names;
  }

  private static String and(List<String> names) {
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** The keys of {@code conf} starting with {@code prefix}, the prefix removed if {@code strip}. */
  static Map<String, String> withPrefix(Map<String, String> conf, String prefix, boolean strip) {
    Map<String, String> out = new TreeMap<>();
    conf.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        out.put(strip ? key.substring(prefix.length()) : key, value);
      }
    });
    return out;
  }
}
