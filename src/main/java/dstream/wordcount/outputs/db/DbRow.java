package dstream.wordcount.outputs.db;

import java.io.Serializable;

/**
 * One row for one table of the database output, values in {@link DbTable#columns()} order.
 *
 * @param table where the row goes
 * @param values the column values (Long, Integer, String, Double, Boolean)
 */
public record DbRow(DbTable table, Object[] values) implements Serializable {}
