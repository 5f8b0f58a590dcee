package dev.stowage.engine;

import dev.stowage.api.ByteRange;
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
 * A copy within one store that the store makes itself, so no byte passes through the client: one
 * {@link ObjectStore#copy} up to the store's {@link Capabilities#maxCopySize()}, above it a
 * multipart upload whose parts are ranges of the source copied by {@link ObjectStore#copyPart}
 * (each conditional on the source's ETag, so two versions never join). Verified, as every transfer
 * is, by the store's word: a stat of the new object must give the source's size and every checksum
 * both record, else the copy is deleted and the transfer fails.
 */
final class ServerSideCopy {
  private ServerSideCopy() {}

  /**
   * Tells whether a copy can be made by the store: source and target are the same store, which
   * declares {@link Capability#COPY} for objects of this size (or {@link Capability#MULTIPART_COPY}
   * above it), and the options ask for nothing a copy request cannot carry (create-only, a time,
   * expected checksums).
   */
  static boolean applies(ObjectStore source, ObjectInfo info, ObjectStore target, WriteOptions o) {
    Capabilities capabilities = target.capabilities();
    return source == target
        && capabilities.supports(Capability.COPY)
        && (info.size() <= capabilities.maxCopySize() || inParts(capabilities))
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
    boolean whole = source.size() <= store.capabilities().maxCopySize();
    ObjectInfo answer;
    int parts = 1;
    if (whole) {
      answer = transfer.call(StorageOperation.COPY, () -> store.copy(source.key(), key, o));
    } else {
      MultipartSession.Result joined = copyInParts(transfer, store, source, key, o);
      answer = joined.object();
      parts = joined.parts();
    }
    ObjectInfo copied =
        transfer
            .call(StorageOperation.STAT, () -> store.stat(key))
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
    if (whole) {
      transfer.progress(source.size());
    }
    return new TransferResult(
        copied,
        source.size(),
        parts,
        transfer.retries(),
        transfer.elapsed(),
        copied.checksums(),
        compared.isEmpty()
            ? VerifiedBy.sizeOnly()
            : new VerifiedBy(VerifiedBy.Method.STAT, compared));
  }

  private static boolean inParts(Capabilities capabilities) {
    return capabilities.supports(Capability.MULTIPART_COPY)
        && capabilities.supports(Capability.MULTIPART);
  }

  private static MultipartSession.Result copyInParts(
      Transfer transfer, ObjectStore store, ObjectInfo source, String key, WriteOptions o) {
    long length = source.size();
    long size = MultipartSession.partSize(transfer, store.capabilities(), length);
    MultipartSession session = new MultipartSession(transfer, store, key, o, List.of());
    try {
      session.begin();
      int number = 1;
      for (long offset = 0; offset < length && !transfer.failed(); offset += size, number++) {
        session.submitCopy(number, source, new ByteRange(offset, Math.min(size, length - offset)));
      }
      return session.complete();
    } catch (Throwable e) {
      session.abort(e);
      throw transfer.rethrow(e);
    }
  }
}
