package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine knows of an upload's source besides its bytes: the checksums the source records,
 * how to check that it did not change while read, and the version a resumed upload must match
 * (empty where there is none, a stream or an object without an ETag: such uploads are not
 * journaled). A file's version also holds the checksums of its first and last MiB, since a rewrite
 * may keep its size and time; an object's ETag changes with its bytes, so reading its edges would
 * only cost two ranged GETs per copy.
 *
 * @param versionHasEdges whether the first and last MiB are read into the version
 */
record UploadSource(
    Map<ChecksumAlgorithm, String> recorded,
    SourceUnchanged unchanged,
    Optional<String> version,
    boolean versionHasEdges) {
  /** Bytes that record nothing and cannot change: an array, a stream read once. */
  static final UploadSource NONE =
      new UploadSource(Map.of(), SourceUnchanged.NONE, Optional.empty(), false);

  UploadSource {
    recorded = Map.copyOf(recorded);
  }

  /** A local file: nothing recorded, checked unchanged, resumable as this size and time. */
  static UploadSource file(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new UploadSource(
        Map.of(),
        SourceUnchanged.file(file),
        Optional.of(
            "file "
                + file.toAbsolutePath()
                + " size="
                + attributes.size()
                + " modified="
                + attributes.lastModifiedTime()),
        true);
  }

  /**
   * An object of a store, as described: its recorded checksums, checked unchanged, and resumable as
   * this size, ETag and time where the store gives an ETag (a rewrite changes it; the first and
   * last MiB are compared as well).
   */
  static UploadSource object(Transfer described, ObjectStore store, ObjectInfo info) {
    Optional<String> version =
        info.etag().isPresent()
            ? Optional.of(
                "object "
                    + store.location()
                    + " key="
                    + info.key()
                    + " size="
                    + info.size()
                    + " etag="
                    + info.etag().orElse("")
                    + " modified="
                    + info.lastModified().map(String::valueOf).orElse(""))
            : Optional.empty();
    return new UploadSource(
        info.checksums(), SourceUnchanged.object(described, store, info), version, false);
  }
}
