package dstream.wordcount.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.TriggerMode;
import dstream.wordcount.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The declarations are the only table: every option says whether it shapes the checkpointed graph,
 * every option that does is in the checkpoint settings record of every job that uses it (and no
 * other option is), and no component reads an option it does not declare, which would otherwise
 * be missing from the record and from its {@code --help} group.
 */
class OptionDeclarationsTest {
  private static final List<OptionSpec> GENERAL = Options.general(Job.components());

  @Test
  void everyOptionSaysWhetherItShapesTheGraph() {
    for (OptionSpec o : Job.components().allOptions()) {
      assertNotNull(o.graph(), "--" + o.name() + " must be marked .shaping() or .notShaping()");
    }
  }

  @Test
  void everyShapingOptionIsRecordedAndNoOtherIs() throws Exception {
    for (Component<?> source : Job.components().sources()) {
      for (Component<?> pipeline : Job.components().pipelines()) {
        Job job = Job.parse("--source", source.name(), "--pipeline", pipeline.name());
        Map<String, String> record = GraphSettings.of(job);
        List<OptionSpec> used = new ArrayList<>(GENERAL);
        used.addAll(source.options());
        used.addAll(Job.components().recordFormat().options());
        used.addAll(pipeline.options());
        Job.components().outputs().forEach(o -> used.addAll(o.options()));
        Set<String> expected = new TreeSet<>();
        for (OptionSpec o : used) {
          if (o.shapesGraph()) {
            expected.add(o.name());
          }
        }
        assertEquals(expected, new TreeSet<>(record.keySet()),
            source.name() + "/" + pipeline.name() + ": recorded settings");
      }
    }
  }

  @Test
  void secretsAreNeverRecorded() {
    for (OptionSpec o : Job.components().allOptions()) {
      if (o.secret()) {
        assertFalse(o.shapesGraph(), o.name());
      }
    }
  }

  @Test
  void noComponentReadsAnOptionItDoesNotDeclare() throws Exception {
    OptionValues defaults = Options.parse(new String[0], null, Job.components()).values();
    for (Component<?> c : Job.components().all()) {
      Set<String> declared = new TreeSet<>();
      c.options().forEach(o -> declared.add(o.name()));
      Object usual = c.settings(defaults);
      for (OptionSpec other : Job.components().allOptions()) {
        if (declared.contains(other.name()) || other.equals(Options.CONF) || other.confOnly()) {
          continue;
        }
        OptionValues changed = Options.parse(args(other), null, Job.components()).values();
        try {
          assertEquals(usual, c.settings(changed),
              c.name() + " reads --" + other.name() + " without declaring it");
        } catch (UsageException e) {
          fail(c.name() + " reads --" + other.name() + " without declaring it: " + e.getMessage());
        }
      }
    }
    assertTrue(Job.components().all().size() > 10);
  }

  /** A command line that sets {@code o} to a valid value unlike its default. */
  private static String[] args(OptionSpec o) {
    if (o.isFlag()) {
      return new String[] {o.flagName()};
    }
    if (o.equals(Options.ENGINE)) {
      return new String[] {o.flagName(), "structured"};
    }
    if (o.equals(Options.STATE_STORE)) { // a structured engine's option
      return new String[] {Options.ENGINE.flagName(), "structured", o.flagName(), "hdfs"};
    }
    if (o.equals(TriggerMode.TRIGGER) || o.equals(TriggerMode.REAL_TIME_INTERVAL)) { // the same
      return new String[] {Options.ENGINE.flagName(), "structured", TriggerMode.TRIGGER.flagName(),
          "realtime", TriggerMode.REAL_TIME_INTERVAL.flagName(), "7s"};
    }
    if (o.equals(Options.EVENT_TIME) || o.equals(Options.WATERMARK)) { // structured, together
      return new String[] {Options.ENGINE.flagName(), "structured", Options.EVENT_TIME.flagName(),
          "arrival", Options.WATERMARK.flagName(), "7s"};
    }
    return new String[] {o.flagName(), sample(o)};
  }

  /** A valid value unlike any default. */
  private static String sample(OptionSpec o) {
    switch (o.type()) {
      case DURATION: return "7s";
      case NUMBER: return "7";
      default: return "x7";
    }
  }
}
