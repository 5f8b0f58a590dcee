package dev.stowage.provider.filesystem;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.Keys;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Maps keys to paths under the root with no way out. A key is checked against {@link Keys}' rules
 * (no {@code ..}, no empty segment, no absolute key, no control character), the 255-byte name limit
 * and the provider's reserved names before any file-system call; the real path of the deepest
 * existing directory on the way must lie under the root's real path, so a symbolic link cannot lead
 * out of it.
 */
final class RootDirectory {
  static final int MAX_KEY_BYTES = 1_024;
  private static final int MAX_NAME_BYTES = 255;

  private final Path root;
  private final Path internal;

  private RootDirectory(Path root) {
    this.root = root;
    this.internal = root.resolve(AtomicFiles.RESERVED_PREFIX);
  }

  /** Resolves the root once: its real path if it exists, or its nearest real ancestor's. */
  static RootDirectory resolve(StorageLocation location, FilesystemSettings settings) {
    Path configured = settings.root();
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    try {
      if (Files.isSymbolicLink(configured) && !settings.allowSymlinkRoot()) {
        throw new InvalidConfigException(
            context,
            "the root directory is a symbolic link. Point at its target, or set "
                + FilesystemSettings.ALLOW_SYMLINK_ROOT.key()
                + "=true if the link is intended.");
      }
      if (Files.exists(configured) && !Files.isDirectory(configured)) {
        throw new InvalidConfigException(
            context, "the root exists and is not a directory. Give a directory path.");
      }
      Path existing = configured;
      while (!Files.exists(existing)) {
        existing = existing.getParent();
      }
      Path real = existing.toRealPath().resolve(existing.relativize(configured)).normalize();
      for (Path name : real) {
        if (name.toString().startsWith(AtomicFiles.RESERVED_PREFIX)) {
          throw new InvalidConfigException(
              context,
              "the location lies inside "
                  + name
                  + ", a folder of Stowage's own (a store's internals, or the command's journals)."
                  + " Choose a location outside it.");
        }
      }
      return new RootDirectory(real);
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  Path path() {
    return root;
  }

  Path internal() {
    return internal;
  }

  /** Returns a nearest existing directory of the root, to probe the file system's features. */
  Path nearestExisting() {
    Path existing = root;
    while (!Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing;
  }

  /** Returns the path of a key, after checking the key; no file-system call. */
  Path pathOf(String key, ErrorContext context) {
    Keys.requireValid(key, MAX_KEY_BYTES, context);
    for (String segment : key.split("/")) {
      if (Keys.utf8Length(segment) > MAX_NAME_BYTES) {
        throw new InvalidKeyException(
            context.withKey(key),
            "the segment '"
                + segment
                + "' is "
                + Keys.utf8Length(segment)
                + " bytes in UTF-8; file names are limited to "
                + MAX_NAME_BYTES
                + ". Split it with '/'.");
      }
      if (segment.startsWith(AtomicFiles.RESERVED_PREFIX)) {
        throw new InvalidKeyException(
            context.withKey(key),
            "names starting with '"
                + AtomicFiles.RESERVED_PREFIX
                + "' are reserved by the filesystem provider. Rename that segment.");
      }
    }
    return root.resolve(key);
  }

  /**
   * Fails if a symbolic link on the way to {@code path} leads out of the root. Returns false if the
   * parent directory does not exist or is a file, so there can be no object at the path.
   */
  boolean parentIsContained(Path path, ErrorContext context) throws IOException {
    Path existing = path.getParent();
    while (!existing.equals(root) && existing.startsWith(root) && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing)) {
      return false; // missing, or an object: nothing can lie under a file
    }
    Path real = existing.toRealPath();
    if (!real.startsWith(root)) {
      throw new PermissionDeniedException(
          context,
          "the path leads out of the root directory through a symbolic link at "
              + existing
              + ". Remove the link, or store the key elsewhere.");
    }
    return existing.equals(path.getParent());
  }

  /** Fails if the path is a symbolic link, which the provider never follows. */
  static void refuseSymlink(Path path, ErrorContext context) {
    if (Files.isSymbolicLink(path)) {
      throw new PermissionDeniedException(
          context,
          "the object's file is a symbolic link, which the filesystem provider never follows."
              + " Replace it with a regular file.");
    }
  }

  /** Creates the directories that will hold an object, inside the root. */
  void createDirectoriesFor(Path path, AtomicFiles files, ErrorContext context) throws IOException {
    parentIsContained(path, context);
    try {
      files.createDirectories(path.getParent());
    } catch (FileAlreadyExistsException e) {
      throw new InvalidKeyException(
          context,
          "a file named "
              + root.relativize(Path.of(String.valueOf(e.getFile())))
              + " exists where a directory is needed; the filesystem store cannot hold an object"
              + " and keys under it at once (no NESTED_KEYS). Choose another key.",
          e);
    }
    if (!path.getParent().toRealPath().startsWith(root)) {
      throw new PermissionDeniedException(
          context,
          "the path left the root directory while it was created. Check for symbolic links.");
    }
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidKeyException(
          context,
          "a directory holds keys under this key followed by '/'; the filesystem store cannot hold"
              + " an object of the same name (no NESTED_KEYS). Choose another key.");
    }
  }
}
