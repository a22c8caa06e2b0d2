package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code grep}: the lines that contain {@code --match} (case-sensitive), the lab's Kafka
 * "important messages" job.
 *
 * <p>Technique: {@code filter} on lines. Run it:
 * {@code bin/run-wordcount --source socket --pipeline grep --match important}.
 */
public final class GrepPipeline implements Pipeline {
  @Override
  public String name() {
    return "grep";
  }

  @Override
  public String description() {
    return "the lines containing --match (filter on lines)";
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Options o) {
    String match = o.match();
    return PipelineOutput.lines(lines.filter(line -> line.contains(match)));
  }
}
