package dev.stowage.engine;

/**
 * A way S3-compatible servers met in the field differ from AWS, which a {@link FaultProxy} in front
 * of S3Proxy (started without authentication, since the proxy changes signed headers) makes real on
 * every exchange: the client talks to a server that truly behaves so, not to a mock.
 */
public enum ServerQuirk {
  /**
   * Does not decode the SDK's {@code aws-chunked} request framing: stores the framing (chunk sizes,
   * signatures, trailing checksum) as body bytes, as some servers do.
   */
  STORES_CHUNKED_FRAMING,
  /** Sends no {@code x-amz-checksum-*} header in any answer. */
  NO_CHECKSUMS,
  /** Ignores {@code If-None-Match: *}: a create-only write replaces the object. */
  IGNORES_IF_NONE_MATCH,
  /** Answers 501 NotImplemented to ListMultipartUploads and AbortMultipartUpload. */
  NO_UPLOAD_LISTING_OR_ABORT,
  /** Answers 501 NotImplemented to ListObjectsV2 ({@code list-type=2}), as older servers do. */
  NO_LIST_OBJECTS_V2,
  /**
   * Refuses a batch delete ({@code POST ?delete}) without a {@code Content-MD5} header (400
   * MissingContentMD5), as older servers do, which the SDK's CRC-32 there does not satisfy.
   */
  REQUIRES_CONTENT_MD5,
  /** Answers ETags of objects that are not the content's MD5 (a part's tag stays as it was). */
  OPAQUE_ETAG,
  /**
   * Runs its clock eight hours ahead: the {@code Last-Modified} of an object it answers (a HEAD or
   * GET's header) is eight hours later than the server's own.
   */
  CLOCK_AHEAD
}
