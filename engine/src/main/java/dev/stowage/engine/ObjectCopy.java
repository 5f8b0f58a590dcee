package dev.stowage.engine;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;

/**
 * One object from a store into another (or the same) store, described beforehand: copied by the
 * store itself where {@link ServerSideCopy} applies, else as ranged reads of the source feeding a
 * {@link SlicedUpload} that checks the source did not change.
 */
final class ObjectCopy {
  private ObjectCopy() {}

  static TransferResult run(
      EngineResources engine,
      ObjectStore source,
      ObjectInfo info,
      ObjectStore target,
      String key,
      WriteOptions options) {
    if (ServerSideCopy.applies(source, info, target, options)) {
      return engine.observe(key, () -> ServerSideCopy.run(engine, target, info, key, options));
    }
    Content content = StoreRanges.of(source, info);
    UploadSource recorded =
        UploadSource.object(Transfer.reading(engine, source, info.key()), source, info);
    return engine.observe(
        key, () -> SlicedUpload.run(engine, content, target, key, options, recorded));
  }
}
