package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An object written with one request, checksummed as the store reads it, then verified against the
 * store's word; a copy that fails is replaced by sending the bytes again.
 */
final class SingleWrite {
  private SingleWrite() {}

  static TransferResult run(
      Transfer transfer,
      ObjectStore target,
      String key,
      Content content,
      WriteOptions options,
      List<Crc> codes,
      Map<ChecksumAlgorithm, String> sourceRecorded) {
    WriteOptions checked = expecting(target, content, options);
    SummingContent body = new SummingContent(content, codes, transfer.engine);
    AtomicInteger attempts = new AtomicInteger();
    // what was wrong with the copy the latest attempt left under the key, if anything
    AtomicReference<String> badCopy = new AtomicReference<>();
    StoredCheck.Outcome written;
    try {
      written =
          transfer.call(
              StorageOperation.WRITE,
              () -> {
                attempts.incrementAndGet();
                ObjectInfo answer = target.put(key, body, checked);
                StoredCheck.Outcome outcome =
                    StoredCheck.confirm(
                        transfer.engine,
                        target,
                        key,
                        answer,
                        sent(transfer, body),
                        Optional.of(content));
                badCopy.set(outcome.problem());
                if (outcome.problem() != null) {
                  // sending the bytes again replaces the bad copy
                  throw new IntegrityException(
                      transfer.context, outcome.problem() + ". Sending it again.");
                }
                return outcome;
              });
    } catch (StorageException e) {
      if (badCopy.get() != null) {
        throw Verification.reject(target, key, badCopy.get());
      }
      // A retried create-only write finds the key taken when an earlier attempt landed but its
      // answer was lost: the object is ours if it holds exactly our bytes.
      Optional<Sums> sent = body.lastComplete();
      if (e instanceof PreconditionFailedException && attempts.get() > 1 && sent.isPresent()) {
        Optional<ObjectInfo> found = target.stat(key);
        if (found.isPresent() && Verification.holds(found.get(), sent.get())) {
          return finish(transfer, target, key, found.get(), sent.get(), sourceRecorded, 1);
        }
      }
      throw e;
    }
    transfer.progress(content.length());
    return describe(transfer, target, key, written, sent(transfer, body), sourceRecorded, 1);
  }

  /** For a store that checks expected checksums, the options with the content's own. */
  private static WriteOptions expecting(ObjectStore target, Content content, WriteOptions options) {
    Map<ChecksumAlgorithm, String> expected =
        ExpectedChecksums.of(target.capabilities().expectedChecksumAlgorithms(), content);
    if (expected.isEmpty()) {
      return options;
    }
    WriteOptions.Builder expecting = options.toBuilder();
    expected.forEach(expecting::expectedChecksum);
    return expecting.build();
  }

  private static Sums sent(Transfer transfer, SummingContent body) {
    return body.lastComplete()
        .orElseThrow(
            () ->
                new IntegrityException(
                    transfer.context, "the store did not read the content to its end"));
  }

  /**
   * Verifies a written object against the store's word (see {@link StoredCheck}) and the source's
   * record, deleting it if either fails, and describes the transfer.
   */
  static TransferResult finish(
      Transfer transfer,
      ObjectStore target,
      String key,
      ObjectInfo written,
      Sums sums,
      Map<ChecksumAlgorithm, String> sourceRecorded,
      int parts) {
    StoredCheck.Outcome outcome =
        transfer.call(
            StorageOperation.STAT,
            () ->
                StoredCheck.confirm(transfer.engine, target, key, written, sums, Optional.empty()));
    if (outcome.problem() != null) {
      throw Verification.reject(target, key, outcome.problem());
    }
    return describe(transfer, target, key, outcome, sums, sourceRecorded, parts);
  }

  private static TransferResult describe(
      Transfer transfer,
      ObjectStore target,
      String key,
      StoredCheck.Outcome outcome,
      Sums sums,
      Map<ChecksumAlgorithm, String> sourceRecorded,
      int parts) {
    Optional<String> problem = Verification.sourceProblem(sums, sourceRecorded);
    if (problem.isPresent()) {
      throw Verification.reject(target, key, problem.get());
    }
    return new TransferResult(
        outcome.object(),
        sums.length(),
        parts,
        transfer.retries(),
        transfer.elapsed(),
        sums.toMap(),
        outcome.verifiedBy());
  }
}
