package dev.stowage.engine;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.PartialFiles;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The regular files under a directory that a filter takes, found as they are consumed, depth first.
 * What is not a regular file is left out and noted with why: symbolic links (unless followed),
 * loops and dangling links when following, sockets, pipes and devices. Names that start with {@code
 * .stowage} (a filesystem store's internals) and partial files ({@link PartialFiles}: a write in
 * progress, or what a kill left of one) are Stowage's own and are left out without a note. A folder
 * or file that cannot be read (no permission, a path too long) is left out too, and noted as a
 * failure of the walk, so that the rest is still copied.
 */
final class LocalTree implements Iterator<Path>, AutoCloseable {
  private static final String RESERVED_PREFIX = ".stowage";

  private final Path root;
  private final SymbolicLinks links;
  private final ObjectFilter filter;
  private final Deque<Level> levels = new ArrayDeque<>();
  private final Map<String, String> skipped = new ConcurrentSkipListMap<>();
  private final Map<String, StorageException> unreadable = new ConcurrentSkipListMap<>();
  private Path next;

  /** One open directory on the way down, with its identity for loop detection. */
  private record Level(DirectoryStream<Path> stream, Iterator<Path> entries, Object key) {}

  LocalTree(Path root, SymbolicLinks links, ObjectFilter filter) throws IOException {
    this.root = root;
    this.links = links;
    this.filter = filter;
    BasicFileAttributes attributes = Files.readAttributes(root, BasicFileAttributes.class);
    if (!attributes.isDirectory()) {
      throw new java.nio.file.NotDirectoryException(root.toString());
    }
    open(root, attributes);
  }

  /** What was left out so far, by path relative to the root, with why. */
  Map<String, String> skipped() {
    return skipped;
  }

  /**
   * What could not be read so far, by path relative to the root ({@code /}-separated, a folder's
   * with a trailing {@code /}), with why.
   */
  Map<String, StorageException> unreadable() {
    return unreadable;
  }

  @Override
  public boolean hasNext() {
    try {
      while (next == null && !levels.isEmpty()) {
        Level level = levels.peek();
        if (!level.entries().hasNext()) {
          levels.pop().stream().close();
          continue;
        }
        visit(level.entries().next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root + ": " + e.getMessage(), e);
    }
    return next != null;
  }

  @Override
  public Path next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Path file = next;
    next = null;
    return file;
  }

  private void visit(Path path) throws IOException {
    String name = path.getFileName().toString();
    if (name.startsWith(RESERVED_PREFIX) || PartialFiles.isPartial(name)) {
      return;
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return; // removed while walking
    } catch (IOException e) {
      unreadable(path, false, e);
      return;
    }
    if (attributes.isSymbolicLink()) {
      if (links == SymbolicLinks.SKIP) {
        skip(path, "a symbolic link, not followed");
        return;
      }
      try {
        attributes = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (IOException e) {
        skip(path, "a symbolic link to nothing (" + Files.readSymbolicLink(path) + ")");
        return;
      }
      if (attributes.isDirectory() && isAncestor(path, attributes)) {
        skip(path, "a symbolic link to a folder it is in (a loop)");
        return;
      }
    }
    if (attributes.isDirectory()) {
      try {
        open(path, attributes);
      } catch (java.nio.file.NoSuchFileException e) {
        // removed while walking
      } catch (IOException e) {
        unreadable(path, true, e);
      }
    } else if (attributes.isRegularFile()) {
      if (filter.accepts(
          relativeKey(path),
          attributes.size(),
          Optional.of(attributes.lastModifiedTime().toInstant()))) {
        next = path;
      }
    } else {
      skip(path, "not a regular file (a socket, pipe or device)");
    }
  }

  private boolean isAncestor(Path link, BasicFileAttributes target) throws IOException {
    Object key = target.fileKey();
    if (key != null) {
      for (Level level : levels) {
        if (key.equals(level.key())) {
          return true;
        }
      }
      return false;
    }
    Path real = link.toRealPath();
    return link.toAbsolutePath().startsWith(real);
  }

  private void open(Path directory, BasicFileAttributes attributes) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
    levels.push(new Level(stream, stream.iterator(), attributes.fileKey()));
  }

  /** The path below the root with {@code /} separators, as a filter sees a key. */
  private String relativeKey(Path path) {
    StringBuilder key = new StringBuilder();
    for (Path name : root.relativize(path)) {
      key.append(key.length() == 0 ? "" : "/").append(name);
    }
    return key.toString();
  }

  /** Notes a path that cannot be read: a folder that cannot be opened, or any entry not stat-ed. */
  private void unreadable(Path path, boolean folder, IOException e) {
    String relative = relativeKey(path) + (folder ? "/" : "");
    String reason =
        e instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : String.valueOf(e.getMessage());
    unreadable.put(
        relative,
        new PermissionDeniedException(
            ErrorContext.of(StorageOperation.READ, StorageLocation.of(root)).withKey(relative),
            "cannot read "
                + (folder ? "the folder " : "")
                + path
                + " ("
                + reason
                + "); it was left out, the rest was copied",
            e));
  }

  private void skip(Path path, String why) {
    skipped.put(Objects.toString(root.relativize(path)), why);
  }

  @Override
  public void close() {
    while (!levels.isEmpty()) {
      try {
        levels.pop().stream().close();
      } catch (IOException e) {
        // a directory stream that fails to close holds nothing of ours
      }
    }
  }
}
