package dev.stowage.engine;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A copy within one store that the store makes itself ({@link ObjectStore#copy}), so no byte passes
 * through the client; verified, as every transfer is, by the store's word: a stat of the new object
 * must give the source's size and every checksum both record, else the copy is deleted and the
 * transfer fails.
 */
final class ServerSideCopy {
  private ServerSideCopy() {}

  /**
   * Tells whether a copy can be made by the store: source and target are the same store, which
   * declares {@link Capability#COPY} for objects of this size, and the options ask for nothing a
   * copy request cannot carry (create-only, a time, expected checksums).
   */
  static boolean applies(ObjectStore source, ObjectInfo info, ObjectStore target, WriteOptions o) {
    Capabilities capabilities = target.capabilities();
    return source == target
        && capabilities.supports(Capability.COPY)
        && info.size() <= capabilities.maxCopySize()
        && !o.createOnly()
        && o.lastModified().isEmpty()
        && o.expectedChecksums().isEmpty();
  }

  static TransferResult run(
      EngineResources engine, ObjectStore store, ObjectInfo source, String key, WriteOptions o) {
    Transfer transfer =
        new Transfer(
            engine,
            ErrorContext.of(StorageOperation.COPY, store.location()).withKey(key),
            key,
            source.size());
    ObjectInfo answer = transfer.call(() -> store.copy(source.key(), key, o));
    ObjectInfo copied =
        transfer
            .call(() -> store.stat(key))
            .orElseThrow(
                () ->
                    Verification.reject(
                        store, key, "the copy is not there after the store made it"));
    if (copied.size() != source.size()) {
      throw Verification.reject(
          store,
          key,
          "the copy holds " + copied.size() + " bytes where the source holds " + source.size());
    }
    Set<ChecksumAlgorithm> compared = EnumSet.noneOf(ChecksumAlgorithm.class);
    for (Map<ChecksumAlgorithm, String> record : List.of(answer.checksums(), copied.checksums())) {
      for (Map.Entry<ChecksumAlgorithm, String> sum : record.entrySet()) {
        String expected = source.checksums().get(sum.getKey());
        if (expected == null) {
          continue;
        }
        if (!expected.equalsIgnoreCase(sum.getValue())) {
          throw Verification.reject(
              store,
              key,
              "the copy's "
                  + sum.getKey()
                  + " is "
                  + sum.getValue()
                  + " where the source's is "
                  + expected
                  + " (the source changed while it was copied, or the store damaged it)");
        }
        compared.add(sum.getKey());
      }
    }
    transfer.progress(source.size());
    return new TransferResult(
        copied,
        source.size(),
        1,
        transfer.retries(),
        transfer.elapsed(),
        copied.checksums(),
        compared.isEmpty()
            ? VerifiedBy.sizeOnly()
            : new VerifiedBy(VerifiedBy.Method.STAT, compared));
  }
}
