package dev.stowage.provider.filesystem;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The filesystem provider's options, parsed once when a store is opened. */
record FilesystemSettings(
    Path root, boolean fsync, MetadataMode metadataMode, boolean allowSymlinkRoot, boolean plain) {
  static final ConfigOption FSYNC =
      ConfigOption.of(
          "file.fsync",
          "Flush each written file and its directory to disk before a write returns (true or false)",
          "true");
  static final ConfigOption METADATA =
      ConfigOption.of(
          "file.metadata",
          "Where user metadata and checksums live: auto (extended attributes if the file system has"
              + " them), xattr, or sidecar (hidden files under ROOT/.stowage/meta)",
          "auto");
  static final ConfigOption ALLOW_SYMLINK_ROOT =
      ConfigOption.of(
          "file.allow-symlink-root",
          "Accept a root directory that is itself a symbolic link (true or false)",
          "false");
  static final ConfigOption PLAIN =
      ConfigOption.of(
          "file.plain",
          "Write into the root as into a plain folder of files (true or false): no ROOT/.stowage,"
              + " each temporary file beside its target, the permissions the umask leaves, the"
              + " modification time and permissions an upload recorded given back, metadata only"
              + " in extended attributes, no multipart uploads",
          "false");

  static final List<ConfigOption> OPTIONS = List.of(FSYNC, METADATA, ALLOW_SYMLINK_ROOT, PLAIN);

  /** How user metadata and checksums are stored. */
  enum MetadataMode {
    AUTO,
    XATTR,
    SIDECAR
  }

  static FilesystemSettings parse(StorageLocation location, ProviderConfig config) {
    config.requireKnownKeys(StorageLocation.FILE_SCHEME, OPTIONS, location);
    return new FilesystemSettings(
        Path.of(location.path()),
        config.bool(FSYNC),
        config.choice(
            METADATA,
            Map.of(
                "auto", MetadataMode.AUTO,
                "xattr", MetadataMode.XATTR,
                "sidecar", MetadataMode.SIDECAR)),
        config.bool(ALLOW_SYMLINK_ROOT),
        config.bool(PLAIN));
  }
}
