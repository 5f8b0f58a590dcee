package dev.stowage.provider.filesystem;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.PartialFiles;
import dev.stowage.api.PermanentStorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Lists keys in UTF-8 byte order by walking the tree depth-first, with each directory's entries
 * sorted as their keys sort (a directory {@code d} as {@code d/}), and pruning every subtree that
 * cannot hold a key after the resume position. The continuation token is the last entry returned.
 * Symbolic links and the provider's reserved names are never listed.
 */
final class FilesystemLister {
  private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final Path root;

  FilesystemLister(Path root) {
    this.root = root;
  }

  ListPage list(ListRequest request, ErrorContext context) throws IOException {
    Walk walk = new Walk(request);
    request.startAfter().ifPresent(walk::resumeAfterKey);
    if (request.continuationToken().isPresent()) {
      walk.resumeAfterToken(request.continuationToken().get(), context);
    }
    walk.directory(root, "");
    return walk.page();
  }

  private record Entry(String name, boolean isPrefix, BasicFileAttributes attributes) {}

  private record Child(String name, Path path, BasicFileAttributes attributes, String sortKey) {}

  /** One page's walk. */
  private static final class Walk {
    private final String prefix;
    private final String delimiter;
    private final int pageSize;
    private final List<Entry> entries = new ArrayList<>();
    private String after;
    private String skip;

    Walk(ListRequest request) {
      this.prefix = request.prefix();
      this.delimiter = request.delimiter().orElse(null);
      this.pageSize = request.pageSize();
    }

    void resumeAfterKey(String key) {
      if (after == null || Keys.UTF8_ORDER.compare(key, after) > 0) {
        after = key;
      }
    }

    void resumeAfterToken(String token, ErrorContext context) {
      String decoded;
      try {
        decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      if (decoded.length() < 2 || (decoded.charAt(0) != 'k' && decoded.charAt(0) != 'p')) {
        throw new PermanentStorageException(
            context,
            "the continuation token is not one this store issued. Start the listing again.");
      }
      resumeAfterKey(decoded.substring(1));
      if (decoded.charAt(0) == 'p') {
        skip = decoded.substring(1);
      }
    }

    private boolean full() {
      return entries.size() > pageSize;
    }

    void directory(Path dir, String dirKey) throws IOException {
      List<Child> children = candidates(dir, dirKey);
      children.sort(Comparator.comparing(Child::sortKey, Keys.UTF8_ORDER));
      for (Child child : children) {
        if (full()) {
          return;
        }
        if (child.attributes().isDirectory()) {
          String subKey = dirKey + child.sortKey();
          if (!isCandidateDirectory(subKey)) {
            continue;
          }
          String rolledUp = rollUp(subKey);
          if (rolledUp != null) {
            if (holdsCandidateKey(child.path(), subKey)) {
              addPrefix(rolledUp);
            }
          } else {
            directory(child.path(), subKey);
          }
        } else {
          String key = dirKey + child.name();
          if (isCandidateKey(key)) {
            addKey(key, child.attributes());
          }
        }
      }
    }

    /** Whether a key belongs in this page's listing, before delimiter roll-up. */
    private boolean isCandidateKey(String key) {
      return key.startsWith(prefix)
          && (after == null || Keys.UTF8_ORDER.compare(key, after) > 0)
          && (skip == null || !key.startsWith(skip));
    }

    /** Whether a directory whose keys all start with {@code dirKey} may hold a candidate key. */
    private boolean isCandidateDirectory(String dirKey) {
      return (dirKey.startsWith(prefix) || prefix.startsWith(dirKey))
          && (after == null
              || Keys.UTF8_ORDER.compare(dirKey, after) > 0
              || after.startsWith(dirKey))
          && (skip == null || !dirKey.startsWith(skip));
    }

    /** The common prefix every key under {@code dirKey} rolls up to, or null if they differ. */
    private String rollUp(String dirKey) {
      if (delimiter == null || !dirKey.startsWith(prefix)) {
        return null;
      }
      int at = dirKey.indexOf(delimiter, prefix.length());
      return at < 0 ? null : dirKey.substring(0, at + delimiter.length());
    }

    private boolean holdsCandidateKey(Path dir, String dirKey) throws IOException {
      for (Child child : candidates(dir, dirKey)) {
        if (child.attributes().isRegularFile() && isCandidateKey(dirKey + child.name())
            || child.attributes().isDirectory()
                && holdsCandidateKey(child.path(), dirKey + child.sortKey())) {
          return true;
        }
      }
      return false;
    }

    /**
     * Returns the regular files and directories of {@code dir} that may hold a candidate key,
     * unsorted; reserved names, symbolic links and entries deleted meanwhile are left out.
     */
    private List<Child> candidates(Path dir, String dirKey) throws IOException {
      List<Child> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        for (Path path : stream) {
          String name = path.getFileName().toString();
          if (name.startsWith(AtomicFiles.RESERVED_PREFIX)
              || PartialFiles.isPartial(name)
              || !(isCandidateKey(dirKey + name) || isCandidateDirectory(dirKey + name + "/"))) {
            continue;
          }
          BasicFileAttributes attributes;
          try {
            attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          } catch (NoSuchFileException e) {
            continue; // deleted while listing
          }
          if (attributes.isDirectory()) {
            children.add(new Child(name, path, attributes, name + "/"));
          } else if (attributes.isRegularFile()) {
            children.add(new Child(name, path, attributes, name));
          }
        }
      } catch (NoSuchFileException | NotDirectoryException e) {
        return new ArrayList<>(); // sorted by the caller
      }
      return children;
    }

    private void addKey(String key, BasicFileAttributes attributes) {
      String rolledUp = rollUp(key);
      if (rolledUp != null) {
        addPrefix(rolledUp);
      } else {
        entries.add(new Entry(key, false, attributes));
      }
    }

    private void addPrefix(String commonPrefix) {
      entries.add(new Entry(commonPrefix, true, null));
      skip = commonPrefix;
    }

    ListPage page() {
      boolean truncated = entries.size() > pageSize;
      List<Entry> shown = truncated ? entries.subList(0, pageSize) : entries;
      List<ObjectInfo> objects = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      for (Entry entry : shown) {
        if (entry.isPrefix()) {
          prefixes.add(entry.name());
        } else {
          objects.add(
              ObjectInfo.builder(entry.name(), entry.attributes().size())
                  .lastModified(entry.attributes().lastModifiedTime().toInstant())
                  .build());
        }
      }
      if (!truncated) {
        return ListPage.last(objects, prefixes);
      }
      Entry last = shown.get(shown.size() - 1);
      String token = (last.isPrefix() ? "p" : "k") + last.name();
      return ListPage.truncated(
          objects, prefixes, TOKEN_ENCODER.encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
