package dev.stowage.provider.support.internal;

import dev.stowage.api.Capabilities;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.Page;
import dev.stowage.api.WriteOptions;
import java.util.List;

/**
 * A store's multipart primitives in a class of their own; {@link MultipartForwarding} makes them
 * the store's. Each method keeps the contract of the {@link dev.stowage.api.ObjectStore} method of
 * that name.
 */
public interface MultipartPrimitives {
  /**
   * Refuses a part number outside 1 to the store's most parts, before any I/O.
   *
   * @param partNumber the part's number
   * @param capabilities the store's capabilities
   * @throws IllegalArgumentException if it is outside
   */
  static void requirePartNumber(int partNumber, Capabilities capabilities) {
    if (partNumber < 1 || partNumber > capabilities.maxParts()) {
      throw new IllegalArgumentException(
          "partNumber must be 1 to " + capabilities.maxParts() + ": " + partNumber);
    }
  }

  /**
   * See {@link dev.stowage.api.ObjectStore#initiateMultipart}.
   *
   * @param key the key
   * @param options the final object's options
   * @return the upload
   */
  MultipartUpload initiate(String key, WriteOptions options);

  /**
   * See {@link dev.stowage.api.ObjectStore#uploadPart}; the part's number is checked already.
   *
   * @param upload the upload
   * @param part the part's number, bytes and expected checksums
   * @return the part
   */
  CompletedPart uploadPart(MultipartUpload upload, PartToUpload part);

  /**
   * See {@link dev.stowage.api.ObjectStore#completeMultipart}.
   *
   * @param upload the upload
   * @param parts the parts to join
   * @return the object
   */
  ObjectInfo complete(MultipartUpload upload, List<CompletedPart> parts);

  /**
   * See {@link dev.stowage.api.ObjectStore#abortMultipart}.
   *
   * @param upload the upload
   */
  void abort(MultipartUpload upload);

  /**
   * See {@link dev.stowage.api.ObjectStore#listParts}.
   *
   * @param upload the upload
   * @param token the page token, empty for the first
   * @return the page
   */
  Page<CompletedPart> listParts(MultipartUpload upload, String token);

  /**
   * See {@link dev.stowage.api.ObjectStore#listMultipartUploads(String, String)}.
   *
   * @param prefix the key prefix
   * @param token the page token, empty for the first
   * @return the page
   */
  Page<MultipartUpload> listUploads(String prefix, String token);
}
