package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An object written with one request, checksummed as the store reads it, then verified. */
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
    SummingContent body = new SummingContent(content, codes, transfer.engine);
    AtomicInteger attempts = new AtomicInteger();
    // what was wrong with the copy the latest attempt left under the key, if anything
    AtomicReference<String> badCopy = new AtomicReference<>();
    ObjectInfo written;
    try {
      written =
          transfer.call(
              () -> {
                attempts.incrementAndGet();
                ObjectInfo stored = target.put(key, body, options);
                Optional<String> problem =
                    body.lastComplete()
                        .flatMap(
                            sent ->
                                Verification.storeProblem(sent, stored.size(), stored.checksums()));
                badCopy.set(problem.orElse(null));
                if (problem.isPresent()) {
                  // sending the bytes again replaces the bad copy
                  throw new IntegrityException(
                      transfer.context, problem.get() + ". Sending it again.");
                }
                return stored;
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
    Sums sums =
        body.lastComplete()
            .orElseThrow(
                () ->
                    new IntegrityException(
                        transfer.context, "the store did not read the content to its end"));
    transfer.progress(content.length());
    return finish(transfer, target, key, written, sums, sourceRecorded, 1);
  }

  /** Verifies a written object, deleting it if it fails, and describes the transfer. */
  static TransferResult finish(
      Transfer transfer,
      ObjectStore target,
      String key,
      ObjectInfo written,
      Sums sums,
      Map<ChecksumAlgorithm, String> sourceRecorded,
      int parts) {
    Optional<String> problem = Verification.problem(sums, sourceRecorded, written);
    if (problem.isPresent()) {
      throw Verification.reject(target, key, problem.get());
    }
    return new TransferResult(
        written, sums.length(), parts, transfer.retries(), transfer.elapsed(), sums.toMap());
  }
}
