package dstream.wordcount.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time a driver process (and its children) had used, sampled as it runs: a batch's CPU
 * time is the difference between the interpolated samples at its start and end. The JVM reports
 * a process's CPU in clock ticks (10 ms on Linux) and the samples are some 20 ms apart, so a
 * batch's figure is good to a few tens of ms: enough beside batches of hundreds.
 */
final class CpuSamples {
  /** Sample times, epoch ms, rising; CPU ms at each. */
  private final List<long[]> samples = new ArrayList<>();

  /** Records the CPU time {@code process} and its descendants have used so far, now. */
  void sample(ProcessHandle process) {
    long cpu = cpuMs(process) + process.descendants().mapToLong(CpuSamples::cpuMs).sum();
    add(System.currentTimeMillis(), cpu);
  }

  private static long cpuMs(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  /** One sample; times must rise. */
  void add(long epochMs, long cpuMs) {
    samples.add(new long[] {epochMs, cpuMs});
  }

  /**
   * CPU ms used from {@code startMs} to {@code endMs} (epoch ms), or -1 when the samples do not
   * cover that span (the process's last moments are not sampled).
   */
  long between(long startMs, long endMs) {
    double start = at(startMs);
    double end = at(endMs);
    return Double.isNaN(start) || Double.isNaN(end) ? -1 : Math.max(0, Math.round(end - start));
  }

  private double at(long t) {
    for (int i = 1; i < samples.size(); i++) {
      long[] a = samples.get(i - 1);
      long[] b = samples.get(i);
      if (a[0] <= t && t <= b[0]) {
        return b[0] == a[0] ? b[1] : a[1] + (double) (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0]);
      }
    }
    return Double.NaN;
  }

  /**
   * The epoch ms of a time of day (ms since midnight, as the driver's batch lines carry it) on the
   * day of the first sample, in the driver's time zone (this JVM's): the next day's when it is
   * before the first sample by more than an hour (the run crossed midnight).
   */
  long epochOf(long msOfDay, ZoneId zone) {
    if (samples.isEmpty()) {
      return -1;
    }
    Instant first = Instant.ofEpochMilli(samples.get(0)[0]);
    long midnight = LocalDate.ofInstant(first, zone).atStartOfDay(zone).toInstant().toEpochMilli();
    long t = midnight + msOfDay;
    return t < first.toEpochMilli() - 3_600_000 ? t + 24L * 3_600_000 : t;
  }
}
