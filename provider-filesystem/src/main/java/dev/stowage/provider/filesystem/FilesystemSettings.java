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
  static final String FSYNC = "file.fsync";
  static final String METADATA = "file.metadata";
  static final String ALLOW_SYMLINK_ROOT = "file.allow-symlink-root";
  static final String PLAIN = "file.plain";

  static final List<ConfigOption> OPTIONS =
      List.of(
          ConfigOption.of(
              FSYNC,
              "Flush each written file and its directory to disk before a write returns (true or false)",
              "true"),
          ConfigOption.of(
              METADATA,
              "Where user metadata and checksums live: auto (extended attributes if the file system has"
                  + " them), xattr, or sidecar (hidden files under ROOT/.stowage/meta)",
              "auto"),
          ConfigOption.of(
              ALLOW_SYMLINK_ROOT,
              "Accept a root directory that is itself a symbolic link (true or false)",
              "false"),
          ConfigOption.of(
              PLAIN,
              "Write into the root as into a plain folder of files (true or false): no ROOT/.stowage,"
                  + " each temporary file beside its target, the permissions the umask leaves, the"
                  + " modification time and permissions an upload recorded given back, metadata only"
                  + " in extended attributes, no multipart uploads",
              "false"));

  /** How user metadata and checksums are stored. */
  enum MetadataMode {
    AUTO,
    XATTR,
    SIDECAR
  }

  static FilesystemSettings parse(StorageLocation location, ProviderConfig config) {
    config.requireKnownKeys(StorageLocation.FILE_SCHEME, OPTIONS, location);
    MetadataMode metadataMode =
        config.choice(
            METADATA,
            "auto",
            Map.of(
                "auto",
                MetadataMode.AUTO,
                "xattr",
                MetadataMode.XATTR,
                "sidecar",
                MetadataMode.SIDECAR));
    return new FilesystemSettings(
        Path.of(location.path()),
        config.bool(FSYNC, true),
        metadataMode,
        config.bool(ALLOW_SYMLINK_ROOT, false),
        config.bool(PLAIN, false));
  }
}
