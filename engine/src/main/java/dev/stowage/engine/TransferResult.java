package dev.stowage.engine;

import dev.stowage.api.ObjectInfo;
import java.time.Duration;

/**
 * What a transfer did: the object written, the bytes and parts sent, the requests retried, how long
 * it took, and the CRC-32C of the bytes read from the source.
 *
 * @param object the written object as the store reported it
 * @param bytes the bytes read from the source and written
 * @param parts the parts of a multipart upload, or 1 for a single write
 * @param retries requests sent again after a retryable failure
 * @param duration from the first read to the verified end
 * @param crc32c the CRC-32C of the source's bytes, 8 lower-case hex digits
 */
public record TransferResult(
    ObjectInfo object, long bytes, int parts, int retries, Duration duration, String crc32c) {}
