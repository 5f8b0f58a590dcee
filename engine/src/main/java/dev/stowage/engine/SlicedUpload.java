package dev.stowage.engine;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Content of known length into a store: one write if it fits in a part, else a multipart upload
 * whose parts are slices of the content (file slices, array views, ranged reads of a source store)
 * uploaded in parallel. Slices hold no engine buffer: the store reads each from its source. A
 * source that changed while it was read is not published.
 */
final class SlicedUpload {
  private SlicedUpload() {}

  /**
   * A file's upload: its slices, what it is checked against for change, and its time and mode as
   * metadata where the store keeps them.
   */
  static TransferResult ofFile(
      EngineResources engine, Path file, ObjectStore target, String key, WriteOptions options) {
    Content content;
    UploadSource source;
    WriteOptions described;
    try {
      source = UploadSource.file(file);
      content = Content.ofFile(file);
      described = LocalFiles.describing(file, target, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return engine.observe(key, () -> run(engine, content, target, key, described, source));
  }

  static TransferResult run(
      EngineResources engine,
      Content content,
      ObjectStore target,
      String key,
      WriteOptions options,
      UploadSource source) {
    Map<ChecksumAlgorithm, String> sourceRecorded = source.recorded();
    SourceUnchanged unchanged = source.unchanged();
    Capabilities limits = target.capabilities();
    long length = content.length();
    Transfer transfer =
        new Transfer(
            engine,
            ErrorContext.of(StorageOperation.WRITE, target.location()).withKey(key),
            key,
            length);
    List<Crc> codes = Verification.codes(engine, limits, sourceRecorded.keySet());
    boolean multipart = limits.supports(Capability.MULTIPART);
    if (length <= limits.maxSingleWriteSize() && (length <= engine.partSize || !multipart)) {
      TransferResult written =
          SingleWrite.run(transfer, target, key, content, options, codes, sourceRecorded);
      try {
        unchanged.check();
      } catch (RuntimeException e) {
        // one request both read and published it: the torn copy is removed
        try {
          transfer.callToTheEnd(
              StorageOperation.DELETE,
              () -> {
                target.delete(key);
                return null;
              });
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      return written;
    }
    if (!multipart) {
      throw new UnsupportedCapabilityException(
          transfer.context,
          length
              + " bytes is more than this store's single-write limit of "
              + limits.maxSingleWriteSize()
              + " and it does not support multipart uploads.");
    }
    long size = MultipartSession.partSize(transfer, limits, length);
    MultipartSession session = new MultipartSession(transfer, target, key, options, codes);
    MultipartSession.Result result;
    try (UploadResume resume = UploadResume.of(transfer, target, key, size, content, source)) {
      try {
        Set<Integer> kept = resume.start(session, content, codes);
        int number = 1;
        for (long offset = 0; offset < length && !transfer.failed(); offset += size, number++) {
          if (!kept.contains(number)) {
            session.submit(
                number, content.slice(offset, Math.min(size, length - offset)), () -> {});
          }
        }
        result = session.complete(unchanged);
      } catch (Throwable e) {
        if (session.abort(e)) {
          resume.ended();
        }
        throw transfer.rethrow(e);
      }
      resume.ended();
    }
    return SingleWrite.finish(
        transfer, target, key, result.object(), result.sums(), sourceRecorded, result.parts());
  }
}
