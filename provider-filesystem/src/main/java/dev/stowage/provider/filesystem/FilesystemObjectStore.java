package dev.stowage.provider.filesystem;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.FileMetadata;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.MultipartForwarding;
import dev.stowage.provider.support.internal.MultipartPrimitives;
import dev.stowage.provider.support.internal.ScopedStore;
import dev.stowage.provider.support.internal.StoreScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Objects as files under a root directory. Writes are atomic (temporary file, flush, rename, flush
 * of the directory); user metadata and a CRC-32C live in an extended attribute or a sidecar.
 */
final class FilesystemObjectStore implements MultipartForwarding, ScopedStore {
  private static final int COPY_BUFFER = 256 * 1024;
  static final Capabilities CAPABILITIES = FilesystemCapabilities.of(true, true);

  private final RootDirectory root;
  private final AtomicFiles files;
  private final AttributeStore attributes;
  private final FilesystemLister lister;
  private final FilesystemUploads uploads;
  private final StoreScope scope;
  private final boolean plain;

  private FilesystemObjectStore(
      StorageLocation location, RootDirectory root, FilesystemSettings settings)
      throws IOException {
    this.root = root;
    this.plain = settings.plain();
    TemporaryFiles temporaries = new TemporaryFiles(root.internal().resolve("tmp"));
    if (!plain) {
      temporaries.sweep(Instant.now());
    }
    this.files =
        new AtomicFiles(
            temporaries,
            settings.fsync(),
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
            plain);
    boolean xattr =
        switch (settings.metadataMode()) {
          case XATTR -> true;
          case SIDECAR -> false;
          case AUTO ->
              Files.getFileStore(root.nearestExisting())
                  .supportsFileAttributeView(UserDefinedFileAttributeView.class);
        };
    boolean keepsMetadata = xattr || !plain; // a plain folder gets no sidecar files
    this.scope = new StoreScope(location, "", FilesystemCapabilities.of(!plain, keepsMetadata));
    this.attributes =
        new AttributeStore(xattr, keepsMetadata, root.internal().resolve("meta"), files);
    this.lister = new FilesystemLister(root.path());
    this.uploads = new FilesystemUploads(this, scope, root.internal().resolve("uploads"), files);
  }

  static FilesystemObjectStore open(StorageLocation location, FilesystemSettings settings) {
    RootDirectory root = RootDirectory.resolve(location, settings);
    try {
      return new FilesystemObjectStore(location, root, settings);
    } catch (IOException e) {
      throw FilesystemErrors.map(ErrorContext.of(StorageOperation.OPEN, location), e);
    }
  }

  @Override
  public StoreScope scope() {
    return scope;
  }

  boolean usesXattr() {
    return attributes.usesXattr();
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ErrorContext context = scope.context(StorageOperation.STAT, key);
    Path file = root.pathOf(key, context);
    try {
      if (!root.parentIsContained(file, context)) {
        return Optional.empty();
      }
      BasicFileAttributes basic;
      try {
        basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      if (basic.isSymbolicLink()) {
        RootDirectory.refuseSymlink(file, context);
      }
      if (!basic.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(describe(file, key, basic));
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  private ObjectInfo describe(Path file, String key, BasicFileAttributes basic) throws IOException {
    long modified = basic.lastModifiedTime().toMillis();
    ObjectInfo.Builder info =
        ObjectInfo.builder(key, basic.size()).lastModified(basic.lastModifiedTime().toInstant());
    Optional<StoredAttributes> stored = attributes.read(file, key, basic.size(), modified);
    if (stored.isPresent()) {
      info.userMetadata(stored.get().userMetadata())
          .checksum(ChecksumAlgorithm.CRC32C, Crc32c.hex(stored.get().crc32c()))
          .etag(etag(stored.get().crc32c(), basic.size()));
    } else {
      info.etag("m" + Long.toHexString(modified) + "-" + Long.toHexString(basic.size()));
    }
    return info.build();
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    ErrorContext context = scope.context(StorageOperation.READ, key);
    Path file = root.pathOf(key, context);
    try {
      if (!root.parentIsContained(file, context)) {
        throw new ObjectNotFoundException(
            context, "no such object. List the location to see its keys.");
      }
      RootDirectory.refuseSymlink(file, context);
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new ObjectNotFoundException(
            context, "no such object. List the location to see its keys.", e);
      } catch (FileSystemException e) {
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          throw new ObjectNotFoundException(
              context, "no such object (the key names a directory).", e);
        }
        throw e;
      }
      try {
        long size = channel.size();
        long length = range.lengthWithin(size);
        channel.position(Math.min(range.offset(), size));
        return new ChannelRangeInputStream(channel, length);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    ErrorContext context = scope.context(StorageOperation.WRITE, key);
    Path target = root.pathOf(key, context);
    checkMetadataSize(options, context);
    try {
      root.createDirectoriesFor(target, files, context);
      Path temp = files.tempPath(target);
      try {
        int crc;
        try (FileChannel channel = files.createNew(temp)) {
          crc = copy(content, channel, context);
          files.flush(channel);
        }
        Crc32c.requireExpected(options, crc, context);
        if (plain) {
          FileMetadata.restore(temp, options.userMetadata());
        }
        keepLastModified(temp, options);
        StoredAttributes stored =
            new StoredAttributes(
                options.userMetadata(), options.contentType().orElse(""), crc, content.length(), 0);
        return commit(temp, target, key, stored, options.createOnly());
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  /** Copies by writing the source file's bytes as a new object: a local copy is the store's own. */
  @Override
  public ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    ErrorContext context = scope.context(StorageOperation.COPY, sourceKey);
    if (stat(sourceKey).isEmpty()) {
      throw new ObjectNotFoundException(context, "no such object to copy");
    }
    try {
      return put(targetKey, Content.ofFile(root.pathOf(sourceKey, context)), options);
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  /** Gives a finished temporary file the modification time the write asks for, if any. */
  static void keepLastModified(Path temp, WriteOptions options) throws IOException {
    if (options.lastModified().isPresent()) {
      Files.setLastModifiedTime(temp, FileTime.from(options.lastModified().get()));
    }
  }

  /** Publishes a finished temporary file as the object, with its attributes. */
  ObjectInfo commit(Path temp, Path target, String key, StoredAttributes stored, boolean createOnly)
      throws IOException {
    attributes.write(temp, key, stored);
    files.publish(temp, target, createOnly);
    BasicFileAttributes basic =
        Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String crc = Crc32c.hex(stored.crc32c());
    // the size the file system holds, not the one the write declared
    return ObjectInfo.builder(key, basic.size())
        .lastModified(basic.lastModifiedTime().toInstant())
        .etag(etag(stored.crc32c(), stored.size()))
        // only what was kept: a plain folder without extended attributes keeps no metadata
        .userMetadata(attributes.keeps() ? stored.userMetadata() : Map.of())
        .checksum(ChecksumAlgorithm.CRC32C, crc)
        .build();
  }

  /** The ETag of content the provider wrote: its CRC-32C and size, so it changes with the bytes. */
  static String etag(int crc32c, long size) {
    return Crc32c.hex(crc32c) + "-" + Long.toHexString(size);
  }

  void checkMetadataSize(WriteOptions options, ErrorContext context) {
    int bytes = 0;
    for (Map.Entry<String, String> entry : options.userMetadata().entrySet()) {
      bytes += Keys.utf8Length(entry.getKey()) + Keys.utf8Length(entry.getValue());
    }
    if (bytes > CAPABILITIES.maxUserMetadataBytes()) {
      throw new PermanentStorageException(
          context,
          "the user metadata is "
              + bytes
              + " bytes, more than this store's limit of "
              + CAPABILITIES.maxUserMetadataBytes()
              + ". Store less metadata.");
    }
  }

  /**
   * Copies exactly {@code content.length()} bytes into the channel and returns their CRC-32C. A
   * failure to read the source is transient (the engine's sources open again); a failure to write
   * the channel is thrown as it is, for {@link FilesystemErrors} to map as a failure of this store.
   */
  static int copy(Content content, FileChannel channel, ErrorContext context) throws IOException {
    CRC32C crc = new CRC32C();
    long expected = content.length();
    long written = 0;
    byte[] buffer = new byte[COPY_BUFFER];
    try (InputStream in = SourceReads.open(content, context)) {
      int n;
      while ((n =
              SourceReads.read(
                  in, buffer, Math.min(buffer.length, expected - written + 1), context))
          > 0) {
        written += n;
        if (written > expected) {
          throw new IntegrityException(
              context, "the source yields more than its declared length of " + expected + " bytes");
        }
        crc.update(buffer, 0, n);
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
    }
    if (written != expected) {
      throw new IntegrityException(
          context,
          "the source ended after "
              + written
              + " of its declared "
              + expected
              + " bytes; nothing was written. Was the source truncated while being read?");
    }
    return (int) crc.getValue();
  }

  @Override
  public ListPage list(ListRequest request) {
    ErrorContext context = ErrorContext.of(StorageOperation.LIST, scope.location());
    scope.ensureOpen();
    Keys.requireValidPrefix(request.prefix(), context);
    try {
      return lister.list(request, context);
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  @Override
  public void delete(String key) {
    ErrorContext context = scope.context(StorageOperation.DELETE, key);
    Path file = root.pathOf(key, context);
    try {
      if (!root.parentIsContained(file, context)
          || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      if (Files.deleteIfExists(file)) {
        try {
          files.flushDirectory(file.getParent());
        } catch (java.nio.file.NoSuchFileException prunedMeanwhile) {
          // a delete beside this one removed the folder this one emptied: nothing left to flush
        }
      }
      attributes.delete(key);
      files.pruneEmptyDirectories(file.getParent(), root.path());
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  @Override
  public MultipartPrimitives multipart() {
    return uploads;
  }

  RootDirectory root() {
    return root;
  }

  @Override
  public void release() {
    // the store holds no open file between calls
  }

  @Override
  public String toString() {
    return "FilesystemObjectStore["
        + scope.location()
        + ", metadata="
        + (attributes.usesXattr() ? "xattr" : "sidecar")
        + "]";
  }
}
