/**
 * The transfer engine: coordinates transfers between stores once, for every provider. What every
 * transfer of a {@link dev.stowage.engine.TransferEngine} holds to:
 *
 * <ul>
 *   <li><b>Memory</b>: streams of unknown length are cut into part buffers taken from one byte
 *       budget shared by every transfer of the engine (a reader waits while it is spent); files and
 *       other known-length content are sent as slices that hold no engine buffer.
 *   <li><b>Concurrency</b>: at most {@link dev.stowage.engine.TransferEngineBuilder#concurrency}
 *       requests are in flight across every transfer, files and parts together; throttling answers
 *       lower the bound and successes raise it back. Metadata fan-outs have their own bound, {@link
 *       dev.stowage.engine.TransferEngineBuilder#statConcurrency}.
 *   <li><b>Integrity</b>: CRC-32C (and CRC-64/ECMA where a store records it) of the bytes is
 *       computed as the store reads them, combined across parts, and compared with what the source
 *       records and what the target reports; a mismatch is an {@link
 *       dev.stowage.api.IntegrityException} and the bad object is deleted. Downloads are verified
 *       the same way before the file appears under its name.
 *   <li><b>Cleanup</b>: a failed multipart upload is aborted once its parts have settled, and
 *       checked gone; an upload whose abort failed is logged and, with an {@link
 *       dev.stowage.engine.TransferEngineBuilder#abortJournal abort journal}, kept for {@link
 *       dev.stowage.engine.BatchOperations#sweep}.
 *   <li><b>Retries</b>: requests that fail with an error the api marks retryable are sent again
 *       from a replayable source, with exponential backoff and full jitter, within the transfer's
 *       {@link dev.stowage.engine.TransferEngineBuilder#deadline deadline}.
 * </ul>
 *
 * <p>Unless otherwise specified, passing a null argument to any method in this package will cause a
 * {@link NullPointerException}.
 */
package dev.stowage.engine;
