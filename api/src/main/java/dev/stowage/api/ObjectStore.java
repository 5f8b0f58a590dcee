package dev.stowage.api;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A store of objects under one {@link StorageLocation}, opened by a {@link StorageProvider}. Keys
 * are relative to the location and follow the rules of {@link Keys}; an invalid key fails with
 * {@link InvalidKeyException} before any I/O.
 *
 * <p>The operations are primitives. Part planning, parallelism, retries and checksums across parts
 * are the engine's, so an implementation starts no threads, retries nothing, and maps each failure
 * once to a {@link StorageException} whose {@link StorageException#isRetryable()} says whether
 * another attempt can help.
 *
 * <p>Implementations are thread-safe: any method may be called from many threads at once.
 */
public interface ObjectStore extends AutoCloseable {
  /**
   * Returns the location this store was opened at.
   *
   * @return the location
   */
  StorageLocation location();

  /**
   * Returns what this store can do and its limits. Constant for the store's lifetime.
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Returns an object's size, time, ETag, user metadata and checksums.
   *
   * @param key the key
   * @return the info, or empty if there is no such object
   * @throws StorageException if the store cannot answer
   */
  Optional<ObjectInfo> stat(String key);

  /**
   * Opens a stream over a range of an object. The range is clipped to the object: a range that
   * starts at or past the end yields an empty stream. The stream throws an {@link
   * java.io.IOException} if the object ends before the clipped range does, so a truncated read is
   * never a short success. The caller closes the stream.
   *
   * @param key the key
   * @param range the bytes to read, {@link ByteRange#ALL} for the whole object
   * @return the stream
   * @throws ObjectNotFoundException if there is no such object (thrown here, not on first read)
   * @throws StorageException for any other failure
   */
  InputStream get(String key, ByteRange range);

  /**
   * Writes an object in one request, replacing any object of that key unless {@link
   * WriteOptions#createOnly()} is set. If {@link Capability#ATOMIC_WRITE} is declared, a reader
   * sees the whole old object or the whole new one; a failed write leaves the old object intact.
   *
   * @param key the key
   * @param content the body; its streams are read to exactly {@link Content#length()} bytes
   * @param options metadata, content type and create-only
   * @return what the store answered: the size, ETag and checksums it reported, and nothing it did
   *     not (no field copied from the request; see {@link ObjectInfo#sizeKnown()})
   * @throws PreconditionFailedException if create-only and the key exists; the object is unchanged
   * @throws UnsupportedCapabilityException if create-only without {@link
   *     Capability#CONDITIONAL_CREATE}, or the content is longer than {@link
   *     Capabilities#maxSingleWriteSize()}
   * @throws IntegrityException if the content yields fewer or more bytes than its length
   * @throws StorageException for any other failure
   */
  ObjectInfo put(String key, Content content, WriteOptions options);

  /**
   * Returns one page of keys in ascending {@link Keys#UTF8_ORDER}. Paging with the returned token
   * yields every key that existed throughout the listing exactly once.
   *
   * @param request the prefix, delimiter, start, page size and token
   * @return the page
   * @throws InvalidKeyException if the prefix holds characters no key may hold
   * @throws StorageException for any other failure
   */
  ListPage list(ListRequest request);

  /**
   * Deletes one object. Deleting a missing object succeeds (idempotent).
   *
   * @param key the key
   * @throws StorageException if the object may still exist
   */
  void delete(String key);

  /**
   * Deletes up to {@link Capabilities#maxDeleteBatch()} objects, reporting each key's outcome. Not
   * atomic: some keys may be deleted and others not. The default calls {@link #delete(String)} for
   * each key; providers with a batch request override it.
   *
   * @param keys the keys; all are validated before anything is deleted
   * @return each key's outcome; a missing key counts as deleted
   * @throws IllegalArgumentException if there are more keys than {@link
   *     Capabilities#maxDeleteBatch()}
   * @throws InvalidKeyException if a key is invalid; nothing is deleted
   */
  default DeleteResult deleteAll(List<String> keys) {
    int max = capabilities().maxDeleteBatch();
    if (keys.size() > max) {
      throw new IllegalArgumentException(
          keys.size() + " keys, more than the batch limit of " + max);
    }
    for (String key : keys) {
      Keys.requireValid(key, capabilities(), ErrorContext.of(StorageOperation.DELETE, location()));
    }
    List<String> deleted = new ArrayList<>();
    Map<String, StorageException> failed = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        delete(key);
        deleted.add(key);
      } catch (StorageException e) {
        failed.put(key, e);
      }
    }
    return new DeleteResult(deleted, failed);
  }

  /**
   * Copies an object to another key of this store without its bytes passing through the client (S3
   * and OSS {@code CopyObject}), replacing any object of the target key unless {@link
   * WriteOptions#createOnly()} is set. The new object takes the options' metadata and content type,
   * not the source's. A reader of the target sees the old object or the whole copy.
   *
   * @param sourceKey the key to copy
   * @param targetKey the key to write
   * @param options metadata, content type and create-only for the new object
   * @return what the store answered for the new object, and nothing it did not
   * @throws ObjectNotFoundException if the source does not exist; nothing was written
   * @throws PreconditionFailedException if create-only and the target exists
   * @throws UnsupportedCapabilityException without {@link Capability#COPY}, if the source is larger
   *     than {@link Capabilities#maxCopySize()}, or if create-only without {@link
   *     Capability#CONDITIONAL_CREATE}
   * @throws StorageException for any other failure
   */
  default ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    throw unsupported(StorageOperation.COPY, Capability.COPY);
  }

  /**
   * Copies a range of an object of this store into one part of a multipart upload, its bytes never
   * passing through the client (S3 and OSS {@code UploadPartCopy}): how objects larger than {@link
   * Capabilities#maxCopySize()} are copied in the store. Where the source has an ETag, the copy is
   * conditional on it, so a source replaced since it was described fails the part instead of
   * joining two versions into one object.
   *
   * @param upload the upload
   * @param partNumber 1 to {@link Capabilities#maxParts()}
   * @param source the object to copy from as {@link #stat} described it: its key and, if it has
   *     one, the ETag it must still have
   * @param range the bytes of the source to copy, within the object; at least {@link
   *     Capabilities#minPartSize()} unless it is the last part, at most {@link
   *     Capabilities#maxPartSize()}
   * @return the part's tag, to pass to {@link #completeMultipart}, with what the store reported for
   *     it and nothing it did not
   * @throws PreconditionFailedException if the source no longer has the described ETag
   * @throws ObjectNotFoundException if the source or the upload does not exist
   * @throws UnsupportedCapabilityException without {@link Capability#MULTIPART_COPY} (the default)
   * @throws StorageException for any other failure
   */
  default CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    throw unsupported(StorageOperation.COPY_PART, Capability.MULTIPART_COPY);
  }

  /**
   * Begins a multipart upload. Nothing is visible under the key until {@link #completeMultipart}.
   *
   * @param key the key the upload will create
   * @param options metadata and content type of the final object; create-only is checked at
   *     completion
   * @return the upload
   * @throws UnsupportedCapabilityException without {@link Capability#MULTIPART} (the default)
   */
  default MultipartUpload initiateMultipart(String key, WriteOptions options) {
    throw unsupported(StorageOperation.INITIATE_MULTIPART, Capability.MULTIPART);
  }

  /**
   * Uploads one part; uploading the same number again replaces it. Parts may arrive in any order
   * and from many threads.
   *
   * @param upload the upload
   * @param partNumber 1 to {@link Capabilities#maxParts()}
   * @param content the part's bytes, at least {@link Capabilities#minPartSize()} unless it is the
   *     last part, at most {@link Capabilities#maxPartSize()}
   * @return the part's tag, to pass to {@link #completeMultipart}, with the size and checksums the
   *     store reported for it and nothing it did not
   * @throws ObjectNotFoundException if the upload does not exist (aborted or completed)
   * @throws UnsupportedCapabilityException without {@link Capability#MULTIPART} (the default)
   */
  default CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    throw unsupported(StorageOperation.UPLOAD_PART, Capability.MULTIPART);
  }

  /**
   * Uploads one part as {@link #uploadPart(MultipartUpload, int, Content)} does, and has the store
   * check its bytes against expected checksums before it keeps them: the engine passes those of the
   * source as it first read it, so bytes damaged on the way never join the object.
   *
   * @param upload the upload
   * @param partNumber 1 to {@link Capabilities#maxParts()}
   * @param content the part's bytes
   * @param expectedChecksums lower-case hex values by algorithm, each of an algorithm in {@link
   *     Capabilities#expectedChecksumAlgorithms()}; empty for none
   * @return the part, as the three-argument form returns it
   * @throws IntegrityException if the bytes do not match an expected checksum; the part of that
   *     number the store held before, if any, is kept
   * @throws UnsupportedCapabilityException if checksums are given without {@link
   *     Capability#VERIFIES_EXPECTED_PART_CHECKSUMS} (the default)
   */
  default CompletedPart uploadPart(
      MultipartUpload upload,
      int partNumber,
      Content content,
      Map<ChecksumAlgorithm, String> expectedChecksums) {
    if (expectedChecksums.isEmpty()) {
      return uploadPart(upload, partNumber, content);
    }
    throw unsupported(StorageOperation.UPLOAD_PART, Capability.VERIFIES_EXPECTED_PART_CHECKSUMS);
  }

  /**
   * Joins the named parts, in ascending part number, into the object, atomically: the object
   * appears whole or not at all. The upload ends.
   *
   * @param upload the upload
   * @param parts the parts to join, ascending by number, each with the tag its upload returned
   * @return what the store answered, as for {@link #put}
   * @throws PreconditionFailedException if a part is missing, out of order, too small or has
   *     another tag, or create-only was asked and the key exists; the upload stays open
   * @throws ObjectNotFoundException if the upload does not exist
   * @throws UnsupportedCapabilityException without {@link Capability#MULTIPART} (the default)
   */
  default ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    throw unsupported(StorageOperation.COMPLETE_MULTIPART, Capability.MULTIPART);
  }

  /**
   * Abandons an upload and frees its parts. Aborting an unknown or finished upload succeeds
   * (idempotent).
   *
   * @param upload the upload
   * @throws UnsupportedCapabilityException without {@link Capability#MULTIPART} (the default)
   */
  default void abortMultipart(MultipartUpload upload) {
    throw unsupported(StorageOperation.ABORT_MULTIPART, Capability.MULTIPART);
  }

  /**
   * Returns one page of an upload's parts, ascending by part number: each part's number, its tag
   * (the one {@link #uploadPart} returned), its size and the checksums the store reports for it.
   * With these, an upload begun by another instance can be checked and completed.
   *
   * @param upload the upload
   * @param token empty for the first page, else the previous page's {@link Page#nextToken()}
   * @return the page
   * @throws ObjectNotFoundException if the upload does not exist (aborted or completed)
   * @throws UnsupportedCapabilityException without {@link Capability#MULTIPART} (the default)
   */
  default Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    throw unsupported(StorageOperation.LIST_PARTS, Capability.MULTIPART);
  }

  /**
   * Returns one page of the multipart uploads in progress whose key starts with a prefix, so that
   * abandoned ones can be swept and interrupted ones continued. Order is unspecified. A store that
   * cannot tell whether an upload is create-only reports it as not.
   *
   * @param prefix the key prefix, possibly empty
   * @param token empty for the first page, else the previous page's {@link Page#nextToken()}
   * @return the page
   * @throws UnsupportedCapabilityException without {@link Capability#LIST_MULTIPART_UPLOADS} (the
   *     default)
   */
  default Page<MultipartUpload> listMultipartUploads(String prefix, String token) {
    throw unsupported(StorageOperation.LIST_MULTIPART_UPLOADS, Capability.LIST_MULTIPART_UPLOADS);
  }

  /**
   * Returns every multipart upload in progress whose key starts with a prefix, reading all pages of
   * {@link #listMultipartUploads(String, String)}.
   *
   * @param prefix the key prefix, possibly empty
   * @return the uploads
   * @throws PermanentStorageException if the store hands out a token it gave before
   * @throws UnsupportedCapabilityException without {@link Capability#LIST_MULTIPART_UPLOADS}
   */
  default List<MultipartUpload> listMultipartUploads(String prefix) {
    List<MultipartUpload> uploads = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String token = "";
    while (true) {
      Page<MultipartUpload> page = listMultipartUploads(prefix, token);
      uploads.addAll(page.items());
      if (page.nextToken().isEmpty()) {
        return uploads;
      }
      token = page.nextToken().get();
      if (!seen.add(token)) {
        throw new PermanentStorageException(
            ErrorContext.of(StorageOperation.LIST_MULTIPART_UPLOADS, location()).withKey(prefix),
            "the store's upload listing handed out a token it gave before and would not end."
                + " Report this to the store's operator.");
      }
    }
  }

  /** Returns the error for an operation whose capability this store lacks. */
  private UnsupportedCapabilityException unsupported(
      StorageOperation operation, Capability capability) {
    return new UnsupportedCapabilityException(
        ErrorContext.of(operation, location()),
        "this store does not support "
            + capability
            + ". Use a provider that declares it (see 'stowage providers').");
  }

  /**
   * Releases the store's clients and connections. Idempotent and bounded in time; any other method
   * called afterwards throws {@link IllegalStateException}. Streams opened before stay usable until
   * closed only if the provider says so.
   */
  @Override
  void close();
}
