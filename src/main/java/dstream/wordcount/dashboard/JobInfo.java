package dstream.wordcount.dashboard;

/**
 * What the page says about the job besides its results: which source and pipeline, the batch
 * interval and window, the alert threshold and match text where they apply, and when the driver
 * started.
 *
 * @param source the source's CLI name
 * @param pipeline the pipeline's CLI name
 * @param kind what a result is: counts, totals, updates, numbers, lines or stats; null until the
 *     first result says so (the kind is the pipeline output's, known to the Spark side)
 * @param batchMs the batch interval
 * @param windowMs window length, 0 for pipelines without a window
 * @param slideMs window slide, 0 for pipelines without a window
 * @param alertAbove the errors pipeline's threshold, -1 when there is none
 * @param match the text grep and errors look for, null for the other pipelines
 * @param startedMs wall-clock time the driver started the dashboard (epoch ms)
 */
public record JobInfo(String source, String pipeline, String kind, long batchMs, long windowMs,
    long slideMs, long alertAbove, String match, long startedMs) {}
