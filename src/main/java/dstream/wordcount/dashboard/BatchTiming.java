package dstream.wordcount.dashboard;

/**
 * How one batch went, as Spark's streaming listener reports it.
 *
 * @param batchTime the batch time (epoch ms)
 * @param records input records of the batch
 * @param processingMs how long its jobs ran, -1 when unknown
 * @param schedulingDelayMs how long it waited for earlier batches, -1 when unknown
 */
public record BatchTiming(long batchTime, long records, long processingMs, long schedulingDelayMs) {}
