package dstream.wordcount.engine.structured;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One micro-batch of the tail source, its lines themselves: the driver read them from the
 * file, and a tail's micro-batch is small (at most the per-batch ceiling), so they travel in the
 * task and no executor needs the file.
 *
 * @param lines the micro-batch's lines, in file order
 */
record TailPartition(List<String> lines) implements InputPartition {}
