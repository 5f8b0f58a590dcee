package dev.stowage.engine;

/**
 * Counters of an engine since it started.
 *
 * @param requests requests sent within the request limit (every attempt counts)
 * @param retries requests sent again after a retryable failure
 * @param throttled answers that asked the engine to slow down
 * @param concurrencyLimit the requests allowed in flight now, lowered by throttling
 * @param peakBufferedBytes the most part-buffer bytes held at once
 */
public record EngineMetrics(
    long requests, long retries, long throttled, int concurrencyLimit, long peakBufferedBytes) {}
