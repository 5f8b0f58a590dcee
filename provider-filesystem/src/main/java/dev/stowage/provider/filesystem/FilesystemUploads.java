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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads staged under {@code ROOT/.stowage/uploads/ID/}: a descriptor, one data file
 * that holds parts at their places ({@link PartSlots}), and a record per part, named {@code
 * placed-NNNNN.TAG} for a part in its place and {@code part-NNNNN.TAG} for a part in a file of its
 * own, so that a replaced part can be told from the one the caller completes with. Completion
 * publishes the data file when the parts line up in it, and otherwise joins them with channel
 * transfers (no copy through the heap) into a temporary file; either is published atomically.
 */
final class FilesystemUploads implements MultipartPrimitives {
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String OWN_FILE = "part";
  private static final String PLACED = "placed";
  private static final Pattern PART_NAME =
      Pattern.compile("(part|placed)-(\\d{5})\\.([0-9a-f]{8}-[0-9a-f]+)");
  private static final int PARTS_PER_PAGE = 1_000;
  private static final String DESCRIPTOR = "upload";

  private final FilesystemObjectStore store;
  private final StoreScope scope;
  private final Path directory;
  private final AtomicFiles files;
  private final PartSlots slots;

  FilesystemUploads(
      FilesystemObjectStore store, StoreScope scope, Path directory, AtomicFiles files) {
    this.store = store;
    this.scope = scope;
    this.directory = directory;
    this.files = files;
    this.slots = new PartSlots(files);
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
    try {
      OptionalLong offset = slots.reserve(uploadDir, part.number(), part.content().length());
      if (offset.isPresent()) {
        return uploadInPlace(part, uploadDir, offset.getAsLong(), context);
      }
      return uploadToOwnFile(part, uploadDir, context);
    } catch (NoSuchFileException e) {
      throw notFound(upload, context); // aborted or completed meanwhile
    } catch (IOException e) {
      throw FilesystemErrors.map(context, e);
    }
  }

  /** Writes the part at its place in the data file, and then names it there. */
  private CompletedPart uploadInPlace(
      PartToUpload part, Path uploadDir, long offset, ErrorContext context) throws IOException {
    boolean named = false;
    try {
      int crc;
      long size;
      try (FileChannel channel = slots.openData(uploadDir)) {
        channel.position(offset);
        crc = FilesystemObjectStore.copy(part.content(), channel, context);
        Crc32c.requireExpected(part.expectedChecksums(), crc, context);
        if (slots.flushesEachPart()) {
          files.flush(channel);
        }
        size = channel.position() - offset; // what was written, not what the write declared
      }
      String etag = FilesystemObjectStore.etag(crc, size);
      String name = partName(PLACED, part.number(), etag);
      Files.createFile(uploadDir.resolve(name));
      named = true;
      if (slots.flushesEachPart()) {
        files.flushDirectory(uploadDir);
      }
      removeOtherVersions(uploadDir, part.number(), name);
      return completedPart(part.number(), etag, size, crc);
    } finally {
      if (!named) {
        slots.release(uploadDir, part.number());
      }
    }
  }

  /** Writes the part to a file of its own, for a part that has no place free in the data file. */
  private CompletedPart uploadToOwnFile(PartToUpload part, Path uploadDir, ErrorContext context)
      throws IOException {
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
      String name = partName(OWN_FILE, part.number(), etag);
      files.publish(temp, uploadDir.resolve(name), false);
      removeOtherVersions(uploadDir, part.number(), name);
      return completedPart(part.number(), etag, size, crc);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static CompletedPart completedPart(int number, String etag, long size, int crc) {
    return new CompletedPart(number, etag, size, Map.of(ChecksumAlgorithm.CRC32C, Crc32c.hex(crc)));
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
      List<StagedPart> staged = checkParts(uploadDir, parts, context);
      store.root().createDirectoriesFor(target, files, context);
      Path temp = files.tempPath(target);
      try {
        if (!slots.linkAssembled(uploadDir, staged, temp)) {
          join(uploadDir, staged, temp);
        }
        int crc = 0;
        long size = 0;
        for (StagedPart part : staged) {
          crc = size == 0 ? part.crc32c() : Crc32c.combine(crc, part.crc32c(), part.size());
          size += part.size();
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
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(uploadDir)) {
      for (Path file : stream) {
        Optional<StagedPart> part = staged(uploadDir, file);
        if (part.isPresent() && part.get().number() > after) {
          StagedPart p = part.get();
          parts.put(
              p.number(),
              new CompletedPart(
                  p.number(),
                  p.etag(),
                  p.size(),
                  Map.of(ChecksumAlgorithm.CRC32C, p.etag().substring(0, 8))));
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

  private List<StagedPart> checkParts(
      Path uploadDir, List<CompletedPart> parts, ErrorContext context) {
    List<StagedPart> staged = new ArrayList<>(parts.size());
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
      String etag = part.etag().toLowerCase(Locale.ROOT);
      Optional<StagedPart> found =
          staged(uploadDir, uploadDir.resolve(partName(PLACED, part.partNumber(), etag)))
              .or(
                  () ->
                      staged(
                          uploadDir,
                          uploadDir.resolve(partName(OWN_FILE, part.partNumber(), etag))));
      if (found.isEmpty()) {
        throw new PreconditionFailedException(
            context,
            "part "
                + part.partNumber()
                + " with tag "
                + part.etag()
                + " was not uploaded, or was replaced by a later upload of the same number."
                + " Complete with the tags the uploads returned.");
      }
      if (i < parts.size() - 1
          && found.get().size() < FilesystemObjectStore.CAPABILITIES.minPartSize()) {
        throw new PreconditionFailedException(
            context, "part " + part.partNumber() + " is smaller than the minimum part size.");
      }
      staged.add(found.get());
    }
    return staged;
  }

  /**
   * The part a record names, if {@code file} is one and still there: a part in its place takes its
   * size from its tag, and counts only if the data file holds it ({@link PartSlots#holds}); a part
   * in a file of its own takes its size from the file.
   */
  private Optional<StagedPart> staged(Path uploadDir, Path file) {
    Matcher name = PART_NAME.matcher(file.getFileName().toString());
    if (!name.matches()) {
      return Optional.empty();
    }
    int number = Integer.parseInt(name.group(2));
    String etag = name.group(3);
    try {
      if (name.group(1).equals(PLACED)) {
        if (!Files.exists(file)) {
          return Optional.empty();
        }
        long size = Long.parseLong(etag.substring(etag.indexOf('-') + 1), 16);
        StagedPart placed = new StagedPart(number, etag, size, null);
        return slots.holds(uploadDir, placed) ? Optional.of(placed) : Optional.empty();
      }
      return Optional.of(new StagedPart(number, etag, Files.size(file), file));
    } catch (IOException e) {
      return Optional.empty(); // replaced by a later upload of the same number meanwhile
    }
  }

  /** Joins parts that do not line up in the data file into a new file, in their listed order. */
  private void join(Path uploadDir, List<StagedPart> staged, Path temp) throws IOException {
    try (FileChannel out = files.createNew(temp)) {
      for (StagedPart part : staged) {
        if (part.placed()) {
          slots.transferPlaced(uploadDir, part, out);
        } else {
          Transfers.copy(part.file(), out, out.position());
        }
      }
      files.flush(out);
    }
  }

  private static String partName(String kind, int partNumber, String etag) {
    return String.format("%s-%05d.%s", kind, partNumber, etag);
  }

  /** Removes every other record of the part, in place or in a file of its own. */
  private static void removeOtherVersions(Path uploadDir, int partNumber, String keep)
      throws IOException {
    for (String kind : List.of(OWN_FILE, PLACED)) {
      String stem = String.format("%s-%05d.", kind, partNumber);
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(uploadDir, stem + "*")) {
        for (Path other : stream) {
          if (!other.getFileName().toString().equals(keep)) {
            Files.deleteIfExists(other);
          }
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
