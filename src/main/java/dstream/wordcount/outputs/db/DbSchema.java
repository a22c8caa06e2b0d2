package dstream.wordcount.outputs.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the output's tables where missing and refuses a table of the same name with another
 * shape, so a job never writes into (or misreads) somebody else's table.
 */
public final class DbSchema {
  private DbSchema() {}

  /** A table exists under the output's name with other columns. */
  public static final class ShapeMismatch extends Exception {
    private static final long serialVersionUID = 1L;

    ShapeMismatch(String message) {
      super(message);
    }
  }

  /** Ensures every table of {@code tables} exists with its columns, creating missing ones. */
  public static void ensure(Connection c, String prefix, List<DbTable> tables)
      throws SQLException, ShapeMismatch {
    for (DbTable t : tables) {
      List<String> found = columns(c, t.name(prefix));
      if (found.isEmpty()) {
        try (Statement s = c.createStatement()) {
          s.execute(t.createSql(prefix));
        }
      } else if (!found.equals(t.columns())) {
        throw new ShapeMismatch("table " + t.name(prefix) + " exists with columns ("
            + String.join(", ", found) + ") but this output needs (" + String.join(", ", t.columns())
            + "); choose another --" + DbSettings.OPTION_PREFIX + " or drop that table");
      }
    }
  }

  /** The column names of {@code table} in order, lower-case; empty when there is no such table. */
  static List<String> columns(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String esc = md.getSearchStringEscape();
    // '_' is a wildcard in metadata patterns: wordcount_counts would match wordcountXcounts.
    String pattern = esc == null || esc.isEmpty() ? table : table.replace("_", esc + "_");
    String schema = c.getSchema();
    List<String> names = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, schema, pattern, null)) {
      List<int[]> order = new ArrayList<>();
      List<String> raw = new ArrayList<>();
      while (rs.next()) {
        if (!table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
          continue;
        }
        raw.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        order.add(new int[] {rs.getInt("ORDINAL_POSITION"), raw.size() - 1});
      }
      order.sort((a, b) -> Integer.compare(a[0], b[0]));
      for (int[] o : order) {
        names.add(raw.get(o[1]));
      }
    }
    return names;
  }
}
