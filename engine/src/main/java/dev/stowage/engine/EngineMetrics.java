package dev.stowage.engine;

/**
 * Counters of an engine since it started, and its gauges now.
 *
 * @param requests requests sent within the request limit (every attempt counts)
 * @param retries requests sent again after a retryable failure
 * @param throttled answers that asked the engine to slow down
 * @param concurrencyLimit the requests allowed in flight now, lowered by throttling
 * @param peakBufferedBytes the most part-buffer bytes held at once
 * @param inFlight requests in flight now, within the limit
 * @param bufferedBytes part-buffer bytes held now
 * @param memoryBudget the part-buffer bytes the engine may hold at once
 * @param objects objects transferred and verified
 * @param bytes their bytes
 * @param failedObjects transfers of one object that failed
 */
public record EngineMetrics(
    long requests,
    long retries,
    long throttled,
    int concurrencyLimit,
    long peakBufferedBytes,
    int inFlight,
    long bufferedBytes,
    long memoryBudget,
    long objects,
    long bytes,
    long failedObjects) {}
