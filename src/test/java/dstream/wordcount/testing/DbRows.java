package dstream.wordcount.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads what the database output wrote, as a user's query would: each row as its values joined
 * by {@code |}, doubles with two decimals, so expectations are literal lines on both databases.
 */
public final class DbRows {
  private DbRows() {}

  /** The rows of {@code sql} on {@code url}; {@code credentials} is a db.properties file or null. */
  public static List<String> query(String url, Path credentials, String sql) {
    try (Connection c = open(url, credentials); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          sb.append(i > 1 ? "|" : "").append(v instanceof Double || v instanceof Float
              ? String.format(Locale.ROOT, "%.2f", ((Number) v).doubleValue()) : String.valueOf(v));
        }
        rows.add(sb.toString());
      }
      return rows;
    } catch (SQLException | IOException e) {
      throw new AssertionError("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a statement (a test's own table, say). */
  public static void execute(String url, Path credentials, String sql) {
    try (Connection c = open(url, credentials); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException | IOException e) {
      throw new AssertionError("statement failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static Connection open(String url, Path credentials) throws SQLException, IOException {
    Properties p = new Properties();
    if (credentials != null) {
      Properties conf = new Properties();
      try (Reader r = Files.newBufferedReader(credentials)) {
        conf.load(r);
      }
      p.setProperty("user", conf.getProperty("db.user"));
      p.setProperty("password", conf.getProperty("db.password"));
    }
    return DriverManager.getConnection(url, p);
  }
}
