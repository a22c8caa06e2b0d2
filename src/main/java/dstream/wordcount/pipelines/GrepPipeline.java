package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code grep}: the lines that contain {@code --match} (case-sensitive), the lab's Kafka
 * "important messages" job.
 *
 * <p>Technique: {@code filter} on lines. Run it:
 * {@code bin/run-wordcount --source socket --pipeline grep --match important}.
 */
public final class GrepPipeline implements Pipeline<GrepPipeline.Settings> {
  /** The text lines must contain. */
  public record Settings(String match) {}

  @Override
  public String name() {
    return "grep";
  }

  @Override
  public String description() {
    return "the lines containing --match (filter on lines)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(PipelineOptions.MATCH);
  }

  @Override
  public Settings settings(OptionValues v) throws UsageException {
    return new Settings(PipelineOptions.match(v));
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    String match = s.match();
    return PipelineOutput.lines(lines.filter(line -> line.contains(match)));
  }
}
