package dstream.wordcount.engine.structured;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * Lines a driver-side source read (tail, socket), carried in the task itself: a micro-batch of
 * them is small (bounded by the per-batch ceiling or the batch interval), so no executor needs
 * the file or the connection.
 *
 * @param lines the lines, in the order they were read
 */
record LinesPartition(List<String> lines) implements InputPartition {}
