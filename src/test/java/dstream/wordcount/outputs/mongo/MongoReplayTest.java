package dstream.wordcount.outputs.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.MongoServer;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact documents of every result kind (per-batch counts, running totals, window numbers with
 * alerts, lines, stats) after a replay run with {@code --mongo} into the server of
 * {@code bin/mongo-local}, read back with MongoDB's driver. The replay also writes text files; their batch times are the batch times the
 * documents must hold, one {@code batches} document each. Each run writes its own database.
 * Both engines run the sink from the same code, so the structured engine is checked on one
 * per-batch kind and one running kind only: its runs cost twice a DStream run's time.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MongoReplayTest {
  private static final AtomicInteger RUNS = new AtomicInteger();
  @RegisterExtension static final SharedSpark spark = new SharedSpark();
  @RegisterExtension static final MongoServer mongo = new MongoServer();

  @TempDir Path tmp;

  /** One run's database and the batch times of its file output. */
  private record Run(String database, List<Long> times) {
    /** The documents of {@code collection}, each as its field values joined by {@code |}. */
    List<String> docs(String collection) {
      List<String> out = new ArrayList<>();
      Set<Object> digests = new HashSet<>();
      for (Document d : mongo.documents(database, collection)) {
        d.remove("committed_at"); // a wall-clock time
        if (collection.equals("batches")) { // the job's settings digest, the same in every one
          assertTrue(String.valueOf(d.get("settings")).matches("[0-9a-f]{64}"), d.toJson());
          digests.add(d.remove("settings"));
          assertEquals(1, digests.size(), "one job, one digest: " + digests);
        }
        List<String> values = new ArrayList<>();
        d.values().forEach(v -> values.add(String.valueOf(v)));
        out.add(String.join("|", values));
      }
      return out;
    }

    long t(int i) {
      return times.get(i);
    }

    /** The batches documents expected: one per output batch, with the records written. */
    List<String> batches(String pipeline, long... records) {
      List<String> docs = new ArrayList<>();
      for (int i = 0; i < times.size(); i++) {
        long r = i < records.length ? records[i] : records[records.length - 1];
        docs.add(times.get(i) + "|" + times.get(i) + "|" + pipeline + "|" + r);
      }
      return docs;
    }
  }

  private Run replay(String engine, List<String> lines, int perBatch, String... extra)
      throws Exception {
    String database = "replay" + RUNS.incrementAndGet();
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("--mongo", mongo.uri(database)));
    return new Run(database, new ArrayList<>(Replays.run(engine.equals("structured"), spark, tmp,
        lines, perBatch, args.toArray(new String[0])).keySet()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dstream", "structured"})
  void countWritesEachBatchsWordsById(String engine) throws Exception {
    Run r = replay(engine, List.of(
        "spark streaming dstream", "spark spark streaming", "big data spark", "  "), 2,
        "--pipeline", "count");
    assertEquals(r.batches("count", 3, 3, 0), r.docs("batches"));
    long t0 = r.t(0);
    long t1 = r.t(1);
    assertEquals(List.of(
        t0 + ":dstream|" + t0 + "|dstream|1", t0 + ":spark|" + t0 + "|spark|3",
        t0 + ":streaming|" + t0 + "|streaming|2",
        t1 + ":big|" + t1 + "|big|1", t1 + ":data|" + t1 + "|data|1",
        t1 + ":spark|" + t1 + "|spark|1"),
        r.docs("counts"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dstream", "structured"})
  void cumulativeKeepsTheLatestTotalPerWord(String engine) throws Exception {
    Run r = replay(engine, List.of("a b", "a", "", "c a"), 1, "--pipeline", "cumulative");
    long last = r.t(r.times().size() - 1);
    assertEquals(r.batches("cumulative", 2, 2, 2, 3), r.docs("batches"));
    assertEquals(List.of("a|a|3|" + last, "b|b|1|" + last, "c|c|1|" + last), r.docs("totals"));
  }

  @Test
  void stateKeepsEachWordsLatestTotalAndWhenItChanged() throws Exception {
    Run r = replay("dstream", List.of("a b", "a a c", "", "b"), 1, "--pipeline", "state");
    assertEquals(r.batches("state", 2, 2, 0, 1, 0), r.docs("batches"));
    assertEquals(List.of("a|a|3|" + r.t(1), "b|b|2|" + r.t(3), "c|c|1|" + r.t(1)),
        r.docs("totals"));
    assertEquals(List.of(), r.docs("evictions"));
  }

  @Test
  void errorsWritesOneNumberPerWindowWithItsAlert() throws Exception {
    Run r = replay("dstream", List.of(
        "ERROR disk full", "INFO ok",
        "ERROR again", "ERROR third",
        "WARN slow", "INFO fine"), 2,
        "--pipeline", "errors", "--window", "400ms", "--slide", "400ms", "--alert-above", "2");
    assertEquals(r.batches("errors", 1), r.docs("batches"));
    List<String> expected = new ArrayList<>();
    expected.add(r.t(0) + "|" + r.t(0) + "|3|true"); // batches 1-2
    for (long later : r.times().subList(1, r.times().size())) {
      expected.add(later + "|" + later + "|0|false");
    }
    assertEquals(expected, r.docs("numbers"));
  }

  @Test
  void grepWritesTheLinesInOrder() throws Exception {
    Run r = replay("dstream", List.of("ERROR a", "x ERROR b", "ok", "ERROR c"), 2,
        "--pipeline", "grep");
    assertEquals(r.batches("grep", 2, 1, 0), r.docs("batches"));
    long t0 = r.t(0);
    long t1 = r.t(1);
    assertEquals(List.of(t0 + ":0|" + t0 + "|0|ERROR a", t0 + ":1|" + t0 + "|1|x ERROR b",
        t1 + ":0|" + t1 + "|0|ERROR c"), r.docs("lines"));
  }

  @Test
  void statsWritesOneSummaryPerBatch() throws Exception {
    Run r = replay("dstream", List.of(
        "spark streaming dstream", "spark spark streaming", "big data spark", ""), 2,
        "--pipeline", "stats");
    assertEquals(r.batches("stats", 1), r.docs("batches"));
    List<String> expected = new ArrayList<>(List.of(
        r.t(0) + "|" + r.t(0) + "|2|6|3|2.0|3|1|spark|dstream",
        r.t(1) + "|" + r.t(1) + "|2|3|3|1.0|1|1|big,data,spark|big,data,spark"));
    for (long later : r.times().subList(2, r.times().size())) {
      expected.add(later + "|" + later + "|0|0|0|0.0|0|0||");
    }
    assertEquals(expected, r.docs("stats"));
  }
}
