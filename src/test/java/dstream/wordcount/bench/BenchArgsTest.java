package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchArgsTest {
  private static final Path DEFAULT = Path.of("target", "bench");

  @Test
  void defaultsRunEverythingFullSizeIntoTheDefaultDirectory() throws Exception {
    BenchArgs a = BenchArgs.parse(new String[0], DEFAULT);
    assertFalse(a.quick());
    assertEquals(DEFAULT, a.results());
    assertEquals(Set.copyOf(BenchArgs.MEASURES), a.only());
    assertEquals("full", a.plan().mode);
    assertEquals(BenchPlan.FULL_HEAP_MS, a.plan().heapDurationMs);
    assertEquals(1_000_000, a.plan().countWords);
    assertEquals(null, a.conf());
  }

  @Test
  void quickResultsHeapDurationAndOnly() throws Exception {
    BenchArgs a = BenchArgs.parse(new String[] {"--quick", "--results", "/tmp/r",
        "--heap-duration", "10m", "--only", "count, heap", "--conf", "pom.xml"}, DEFAULT);
    assertTrue(a.quick());
    assertEquals(Path.of("/tmp/r"), a.results());
    assertEquals(600_000, a.plan().heapDurationMs);
    assertEquals(Set.of("count", "heap"), a.only());
    assertEquals("quick", a.plan().mode);
    assertEquals(Path.of("pom.xml"), a.conf());
  }

  @Test
  void usageErrorsNameTheOptionAndTheFix() {
    assertEquals("--heap-duration needs a unit, e.g. 5s or 5ms", message("--heap-duration", "5"));
    assertEquals("--only: unknown measure 'speed'; choose from "
        + "count,state,structured,growth,recovery,window,interval,socket,kafka,db,heap,engines,latency,flood",
        message("--only", "count,speed"));
    assertEquals("unexpected argument 'fast': options are written --name value (see --help)",
        message("fast"));
    assertEquals("Unrecognized option: --fast (see --help)", message("--fast"));
    assertEquals("Missing argument for option: results (see --help)", message("--results"));
    assertEquals("--conf nowhere.properties: no such readable file", message("--conf", "nowhere.properties"));
  }

  private static String message(String... args) {
    return assertThrows(UsageException.class, () -> BenchArgs.parse(args, DEFAULT)).getMessage();
  }
}
