package dstream.wordcount.sources;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.storage.StorageLevel;

/** What receiver-based sources share: the core they need and where received blocks are kept. */
final class ReceiverSources {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?");

  private ReceiverSources() {}

  /**
   * A receiver holds one core for good; with a single local core no batch is ever processed and
   * the job looks hung, so refuse it up front.
   */
  static void requireSpareCore(String source, Options job) throws UsageException {
    if (job.structured()) {
      return; // the structured engine's sources hold no receiver, so no core of their own
    }
    String master = job.master();
    Matcher m = LOCAL.matcher(master.trim());
    if (!m.matches()) {
      return;
    }
    String n = m.group(1);
    int cores = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    if (cores < 2) {
      throw new UsageException(
          "--master " + master + " gives the " + source
              + " receiver the only core, so no batch would ever be processed; use local[2] or more");
    }
  }

  /** Replicated blocks on a cluster; on one machine a second replica has nowhere to go. */
  static StorageLevel storageLevel(String master) {
    return master.startsWith("local")
        ? StorageLevel.MEMORY_AND_DISK_SER()
        : StorageLevel.MEMORY_AND_DISK_SER_2();
  }
}
