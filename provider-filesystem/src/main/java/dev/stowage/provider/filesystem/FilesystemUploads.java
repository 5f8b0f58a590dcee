package dev.stowage.provider.filesystem;

import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.Page;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.MultipartPrimitives;
import dev.stowage.provider.support.internal.PartListingToken;
import dev.stowage.provider.support.internal.PartToUpload;
import dev.stowage.provider.support.internal.StoreScope;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads staged under {@code ROOT/.stowage/uploads/ID/}: a descriptor and one file per
 * part, named {@code part-NNNNN.TAG} so that a replaced part can be told from the one the caller
 * completes with. Completion joins the parts with channel transfers (no copy through the heap) into
 * a temporary file beside the target and publishes it atomically.
 */
final class FilesystemUploads implements MultipartPrimitives {
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PART_NAME =
      Pattern.compile("part-(\\d{5})\\.([0-9a-f]{8}-[0-9a-f]+)");
  private static final int PARTS_PER_PAGE = 1_000;
  private static final String DESCRIPTOR = "upload";

  private final FilesystemObjectStore store;
  private final StoreScope scope;
  private final Path directory;
  private final AtomicFiles files;

  FilesystemUploads(
      FilesystemObjectStore store, StoreScope scope, Path directory, AtomicFiles files) {
    this.store = store;
    this.scope = scope;
    this.directory = directory;
    this.files = files;
  }

  @Override
  public MultipartUpload initiate(String key, WriteOptions options) {
    ErrorContext context = scope.context(StorageOperation.INITIATE_MULTIPART, key);
    refuseInAPlainFolder(context);
    store.root().pathOf(key, context);
    store.checkMetadataSize(options, context);
    String id = UUID.randomUUID().toString().replace("-", "");
    Instant initiated = Instant.ofEpochMilli(System.currentTimeMillis());
    try {
      Path uploadDir = directory.resolve(id);
      files.createDirectories(uploadDir);
      files.writeAtomically(
          uploadDir.resolve(DESCRIPTOR), new UploadDescriptor(key, initiated, options).encode());
      return MultipartUpload.builder(key, id)
          .initiated(initiated)
          .createOnly(options.createOnly())
          .build();
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, PartToUpload part) {
    ErrorContext context = scope.context(StorageOperation.UPLOAD_PART, upload.key());
    Path uploadDir = existingUpload(upload, context);
    Path temp = files.tempPath(uploadDir);
    try {
      int crc;
      long size;
      try (FileChannel channel = files.createNew(temp)) {
        crc = FilesystemObjectStore.copy(part.content(), channel, context);
        // before the part is kept, so an earlier part of this number stays
        Crc32c.requireExpected(part.expectedChecksums(), crc, context);
        files.flush(channel);
        size = channel.size(); // what the file holds, not what the write declared
      }
      String etag = FilesystemObjectStore.etag(crc, size);
      String name = partName(part.number(), etag);
      try {
        files.publish(temp, uploadDir.resolve(name), false);
      } catch (NoSuchFileException e) {
        throw notFound(upload, context); // aborted or completed meanwhile
      }
      removeOtherVersions(uploadDir, part.number(), name);
      return new CompletedPart(
          part.number(), etag, size, Map.of(ChecksumAlgorithm.CRC32C, Crc32c.hex(crc)));
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public ObjectInfo complete(MultipartUpload upload, List<CompletedPart> parts) {
    ErrorContext context = scope.context(StorageOperation.COMPLETE_MULTIPART, upload.key());
    Path target = store.root().pathOf(upload.key(), context);
    Path uploadDir = existingUpload(upload, context);
    if (parts.isEmpty()) {
      throw new PreconditionFailedException(
          context, "the part list is empty. Upload at least one part.");
    }
    try {
      UploadDescriptor descriptor = UploadDescriptor.read(uploadDir.resolve(DESCRIPTOR));
      List<Path> partFiles = checkParts(uploadDir, parts, context);
      store.root().createDirectoriesFor(target, files, context);
      Path temp = files.tempPath(target);
      try {
        int crc = 0;
        long size = 0;
        try (FileChannel out = files.createNew(temp)) {
          for (int i = 0; i < parts.size(); i++) {
            long partSize = transfer(partFiles.get(i), out);
            crc =
                i == 0
                    ? partCrc(parts.get(i))
                    : Crc32c.combine(crc, partCrc(parts.get(i)), partSize);
            size += partSize;
          }
          files.flush(out);
        }
        FilesystemObjectStore.keepLastModified(temp, descriptor.options());
        StoredAttributes stored =
            new StoredAttributes(
                descriptor.options().userMetadata(),
                descriptor.options().contentType().orElse(""),
                crc,
                size,
                0);
        ObjectInfo info =
            store.commit(
                temp,
                target,
                upload.key(),
                stored,
                descriptor.options().createOnly() || upload.createOnly());
        AtomicFiles.deleteTree(uploadDir);
        return info;
      } finally {
        deleteQuietly(temp);
      }
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  @Override
  public void abort(MultipartUpload upload) {
    ErrorContext context = scope.context(StorageOperation.ABORT_MULTIPART, upload.key());
    if (!UPLOAD_ID.matcher(upload.uploadId()).matches()) {
      return;
    }
    try {
      AtomicFiles.deleteTree(directory.resolve(upload.uploadId()));
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  /** A plain folder keeps no uploads: nothing but files goes into it. */
  private void refuseInAPlainFolder(ErrorContext context) {
    if (!store.capabilities().supports(Capability.MULTIPART)) {
      throw new UnsupportedCapabilityException(
          context, "a plain folder takes no multipart uploads (file.plain=true). Write it whole.");
    }
  }

  /** Lists every upload in one page: the uploads directory is read whole anyway. */
  @Override
  public Page<MultipartUpload> listUploads(String prefix, String token) {
    ErrorContext context = scope.context(StorageOperation.LIST_MULTIPART_UPLOADS);
    refuseInAPlainFolder(context);
    if (!token.isEmpty()) {
      throw new IllegalArgumentException("not a token of this store's upload listing: " + token);
    }
    return Page.last(list(prefix, context));
  }

  private List<MultipartUpload> list(String prefix, ErrorContext context) {
    List<MultipartUpload> uploads = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path uploadDir : stream) {
        String id = uploadDir.getFileName().toString();
        if (!UPLOAD_ID.matcher(id).matches()) {
          continue;
        }
        try {
          UploadDescriptor descriptor = UploadDescriptor.read(uploadDir.resolve(DESCRIPTOR));
          if (descriptor.key().startsWith(prefix)) {
            uploads.add(
                MultipartUpload.builder(descriptor.key(), id)
                    .initiated(descriptor.initiated())
                    .createOnly(descriptor.options().createOnly())
                    .build());
          }
        } catch (NoSuchFileException e) {
          continue; // completed or aborted while listing
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
    return uploads;
  }

  /**
   * Lists the parts of an upload from its part files, {@value #PARTS_PER_PAGE} to a page; the token
   * is the last part number of the previous page.
   */
  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    ErrorContext context = scope.context(StorageOperation.LIST_PARTS, upload.key());
    Path uploadDir = existingUpload(upload, context);
    int after = PartListingToken.decode(token);
    TreeMap<Integer, CompletedPart> parts = new TreeMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(uploadDir, "part-*")) {
      for (Path file : stream) {
        Matcher name = PART_NAME.matcher(file.getFileName().toString());
        if (!name.matches() || Integer.parseInt(name.group(1)) <= after) {
          continue;
        }
        int number = Integer.parseInt(name.group(1));
        String etag = name.group(2);
        try {
          parts.put(
              number,
              new CompletedPart(
                  number,
                  etag,
                  Files.size(file),
                  Map.of(ChecksumAlgorithm.CRC32C, etag.substring(0, 8))));
        } catch (NoSuchFileException e) {
          continue; // replaced by a later upload of the same number while listing
        }
      }
    } catch (NoSuchFileException e) {
      throw notFound(upload, context);
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
    List<CompletedPart> page = new ArrayList<>(parts.values());
    if (page.size() <= PARTS_PER_PAGE) {
      return Page.last(page);
    }
    page = page.subList(0, PARTS_PER_PAGE);
    return Page.truncated(page, Integer.toString(page.get(page.size() - 1).partNumber()));
  }

  private Path existingUpload(MultipartUpload upload, ErrorContext context) {
    if (!UPLOAD_ID.matcher(upload.uploadId()).matches()) {
      throw notFound(upload, context);
    }
    Path uploadDir = directory.resolve(upload.uploadId());
    try {
      UploadDescriptor descriptor = UploadDescriptor.read(uploadDir.resolve(DESCRIPTOR));
      if (!descriptor.key().equals(upload.key())) {
        throw notFound(upload, context);
      }
    } catch (NoSuchFileException e) {
      throw notFound(upload, context);
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
    return uploadDir;
  }

  private static ObjectNotFoundException notFound(MultipartUpload upload, ErrorContext context) {
    return new ObjectNotFoundException(
        context,
        "no multipart upload "
            + upload.uploadId()
            + " for this key; it was completed or aborted."
            + " Initiate a new upload.");
  }

  private List<Path> checkParts(Path uploadDir, List<CompletedPart> parts, ErrorContext context) {
    List<Path> partFiles = new ArrayList<>(parts.size());
    int previous = 0;
    for (int i = 0; i < parts.size(); i++) {
      CompletedPart part = parts.get(i);
      if (part.partNumber() <= previous) {
        throw new PreconditionFailedException(
            context,
            "the part list is not in strictly ascending part-number order at part "
                + part.partNumber()
                + ".");
      }
      previous = part.partNumber();
      Path file =
          uploadDir.resolve(partName(part.partNumber(), part.etag().toLowerCase(Locale.ROOT)));
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        throw new PreconditionFailedException(
            context,
            "part "
                + part.partNumber()
                + " with tag "
                + part.etag()
                + " was not uploaded, or was replaced by a later upload of the same number."
                + " Complete with the tags the uploads returned.");
      }
      if (i < parts.size() - 1 && size < FilesystemObjectStore.CAPABILITIES.minPartSize()) {
        throw new PreconditionFailedException(
            context, "part " + part.partNumber() + " is smaller than the minimum part size.");
      }
      partFiles.add(file);
    }
    return partFiles;
  }

  private static int partCrc(CompletedPart part) {
    return Integer.parseUnsignedInt(part.etag().substring(0, 8), 16);
  }

  private static long transfer(Path part, FileChannel out) throws IOException {
    try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
      long size = in.size();
      long done = 0;
      while (done < size) {
        done += in.transferTo(done, size - done, out);
      }
      return size;
    }
  }

  private static String partName(int partNumber, String etag) {
    return String.format("part-%05d.%s", partNumber, etag);
  }

  private static void removeOtherVersions(Path uploadDir, int partNumber, String keep)
      throws IOException {
    String stem = String.format("part-%05d.", partNumber);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(uploadDir, stem + "*")) {
      for (Path other : stream) {
        if (!other.getFileName().toString().equals(keep)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // The temporary file carries a reserved name and is never listed; the failure that brought
      // us here is the one worth reporting.
    }
  }
}
