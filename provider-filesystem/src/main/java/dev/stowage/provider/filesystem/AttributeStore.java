package dev.stowage.provider.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Optional;

/**
 * Keeps {@link StoredAttributes} in an extended attribute of the object's file (written on the
 * temporary file, so they move atomically with the bytes), or in a sidecar file under {@code
 * ROOT/.stowage/meta/KEY/.stowage-attrs} where the file system has no extended attributes, or, for
 * a plain folder on such a file system, nowhere.
 */
final class AttributeStore {
  private static final String XATTR_NAME = "stowage.attrs";
  private static final String SIDECAR_NAME = ".stowage-attrs";

  private final boolean useXattr;
  private final boolean keep;
  private final Path metaRoot;
  private final AtomicFiles files;

  AttributeStore(boolean useXattr, boolean keep, Path metaRoot, AtomicFiles files) {
    this.useXattr = useXattr;
    this.keep = keep;
    this.metaRoot = metaRoot;
    this.files = files;
  }

  /** Whether attributes are kept at all (not in a plain folder without extended attributes). */
  boolean keeps() {
    return keep;
  }

  boolean usesXattr() {
    return useXattr;
  }

  /** Records attributes for a temporary file that is about to become the object at {@code key}. */
  void write(Path tempFile, String key, StoredAttributes attributes) throws IOException {
    if (!keep) {
      return;
    }
    if (useXattr) {
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(
              tempFile, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      try {
        view.write(XATTR_NAME, ByteBuffer.wrap(attributes.encode()));
      } catch (FileSystemException e) {
        throw new IOException(
            "cannot write an extended attribute ("
                + e.getReason()
                + "); open the store with file.metadata=sidecar",
            e);
      }
      return;
    }
    long modified = Files.getLastModifiedTime(tempFile).toMillis();
    Path sidecar = sidecar(key);
    files.createDirectories(sidecar.getParent());
    files.writeAtomically(sidecar, attributes.at(modified).encode());
  }

  /** Returns the attributes of the object file at {@code file}, if it has current ones. */
  Optional<StoredAttributes> read(Path file, String key, long size, long modifiedMillis)
      throws IOException {
    if (!keep) {
      return Optional.empty();
    }
    if (useXattr) {
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(
              file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      try {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(XATTR_NAME));
        view.read(XATTR_NAME, buffer);
        return Optional.of(StoredAttributes.decode(buffer.array()));
      } catch (NoSuchFileException e) {
        throw e;
      } catch (FileSystemException e) {
        return Optional.empty(); // no attribute: a file the provider did not write
      }
    }
    try {
      StoredAttributes attributes = StoredAttributes.decode(Files.readAllBytes(sidecar(key)));
      boolean current = attributes.size() == size && attributes.modifiedMillis() == modifiedMillis;
      return current ? Optional.of(attributes) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Removes the sidecar of a deleted object, if there is one. */
  void delete(String key) throws IOException {
    if (keep && !useXattr) {
      Path sidecar = sidecar(key);
      Files.deleteIfExists(sidecar);
      files.pruneEmptyDirectories(sidecar.getParent(), metaRoot);
    }
  }

  private Path sidecar(String key) {
    return metaRoot.resolve(key).resolve(SIDECAR_NAME);
  }
}
