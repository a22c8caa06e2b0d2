package dstream.wordcount.outputs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.testing.DbRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once protocol's SQL steps and the settings parsing, without Spark, on a real SQLite
 * file: a re-run replaces an unfinished attempt's rows, a committed batch is recognised, an older
 * batch never overwrites a newer total, an eviction removes the word's total.
 */
class BatchWritesTest {
  @TempDir Path tmp;

  private String url() {
    return "jdbc:sqlite:" + tmp.resolve("unit.db");
  }

  private Connection open(List<DbTable> tables) throws Exception {
    Connection c = DbKind.SQLITE.open(url(), null, null);
    List<DbTable> all = new ArrayList<>(tables);
    all.add(DbTable.BATCHES);
    DbSchema.ensure(c, "p_", all);
    return c;
  }

  private static DbRow count(long t, String w, long n) {
    return new DbRow(DbTable.COUNTS, new Object[] {t, w, n});
  }

  private static DbRow total(long t, String w, long n) {
    return new DbRow(DbTable.TOTALS, new Object[] {w, n, t});
  }

  @Test
  void aReRunReplacesTheUnfinishedAttemptAndTheBatchesRowMarksItComplete() throws Exception {
    try (Connection c = open(List.of(DbTable.COUNTS))) {
      // An attempt that died after one partition: rows, no batches row.
      BatchWrites.writeRows(c, "p_", List.of(count(1000, "a", 1), count(1000, "stale", 9)).iterator());
      assertFalse(BatchWrites.isCommitted(c, "p_", 1000));
      // The re-run: clear, write every partition (one written twice, as a retried task would), mark.
      BatchWrites.clearPartial(c, "p_", List.of(DbTable.COUNTS), 1000);
      assertEquals(1, BatchWrites.writeRows(c, "p_", List.of(count(1000, "a", 2)).iterator()));
      BatchWrites.writeRows(c, "p_", List.of(count(1000, "b", 1)).iterator());
      BatchWrites.writeRows(c, "p_", List.of(count(1000, "b", 1)).iterator());
      BatchWrites.commit(c, "p_", 1000, "count", 2);
      assertTrue(BatchWrites.isCommitted(c, "p_", 1000));
      BatchWrites.commit(c, "p_", 1000, "count", 2); // a second commit changes nothing
    }
    assertEquals(List.of("1000|a|2", "1000|b|1"),
        DbRows.query(url(), null, "SELECT * FROM p_counts ORDER BY word"));
    assertEquals(List.of("1000|count|2"),
        DbRows.query(url(), null, "SELECT batch_time, pipeline, records FROM p_batches"));
  }

  @Test
  void anOlderBatchNeverOverwritesANewerTotalAndAnEvictionRemovesIt() throws Exception {
    try (Connection c = open(List.of(DbTable.TOTALS, DbTable.EVICTIONS))) {
      BatchWrites.writeRows(c, "p_", List.of(total(2000, "a", 5), total(2000, "b", 2)).iterator());
      BatchWrites.writeRows(c, "p_", List.of(total(1000, "a", 3)).iterator()); // late re-run
      assertEquals(List.of("a|5|2000", "b|2|2000"),
          DbRows.query(url(), null, "SELECT * FROM p_totals ORDER BY word"));
      BatchWrites.writeRows(c, "p_", List.of(
          new DbRow(DbTable.EVICTIONS, new Object[] {3000L, "b", 2L})).iterator());
    }
    assertEquals(List.of("a|5|2000"), DbRows.query(url(), null, "SELECT * FROM p_totals"));
    assertEquals(List.of("3000|b|2"), DbRows.query(url(), null, "SELECT * FROM p_evictions"));
  }

  @Test
  void aFailedPartitionLeavesNothingBehind() throws Exception {
    try (Connection c = open(List.of(DbTable.COUNTS))) {
      List<DbRow> rows = List.of(count(1000, "a", 1), new DbRow(DbTable.COUNTS,
          new Object[] {1000L, null, 1L})); // NOT NULL violated: the partition's write fails
      assertThrows(SQLException.class, () -> BatchWrites.writeRows(c, "p_", rows.iterator()));
      assertTrue(c.getAutoCommit(), "the pooled connection is back in auto-commit");
    }
    assertEquals(List.of(), DbRows.query(url(), null, "SELECT * FROM p_counts"));
  }

  @Test
  void settingsKeepNoCredentialsAndNameTheTables() throws Exception {
    DbSettings.Parsed p = DbSettings.parse(
        "jdbc:postgresql://db:5432/wc?user=u&password=s%3Dcret&sslmode=disable", "wordcount_",
        Map.of("user", "conf-user", "password", "conf-password"), "state", -1);
    assertEquals("jdbc:postgresql://db:5432/wc?sslmode=disable", p.settings().url());
    assertEquals("u", p.credentials().user());
    assertEquals("s=cret", p.credentials().password());
    assertEquals("DbCredentials[user=u, password=***]", p.credentials().toString());
    assertFalse(p.settings().toString().contains("cret"));
    assertEquals(List.of(DbTable.TOTALS, DbTable.EVICTIONS), p.settings().tables());
    assertEquals(Map.of("db", "jdbc:postgresql://db:5432/wc?sslmode=disable",
        "db-table-prefix", "wordcount_"), p.settings().graphSettings());
    DbSettings.Parsed fromConf = DbSettings.parse("jdbc:postgresql://db/wc", "x_",
        Map.of("user", "conf-user", "password", "conf-password"), "count", -1);
    assertEquals(new DbCredentials("conf-user", "conf-password"), fromConf.credentials());
    UsageException e = assertThrows(UsageException.class, () ->
        DbSettings.parse("jdbc:postgresql://db/wc", "x_", Map.of(), "sql", -1));
    assertEquals("--db has no table for pipeline 'sql'", e.getMessage());
  }
}
