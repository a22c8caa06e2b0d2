package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code grep}: the lines that contain {@code --match} (case-sensitive), e.g. the "important"
 * messages of a Kafka topic.
 *
 * <p>Technique: {@code filter} on lines. Run it:
 * {@code bin/run-wordcount --source socket --pipeline grep --match important}.
 */
public final class GrepPipeline extends PipelinePlugin<GrepPipeline.Settings> {
  /** The text lines must contain. */
  public record Settings(String match) {}

  public GrepPipeline() {
    super("grep", ResultKind.LINES, "the lines containing --match (filter on lines)",
        v -> new Settings(PipelineOptions.match(v)), PipelineOptions.MATCH);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    String match = s.match();
    return PipelineOutput.lines(lines.filter(line -> line.contains(match)));
  }
}
