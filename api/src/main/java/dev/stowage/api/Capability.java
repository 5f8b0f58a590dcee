package dev.stowage.api;

/**
 * An optional feature a store declares in its {@link Capabilities}. An operation that needs an
 * undeclared feature fails with {@link UnsupportedCapabilityException}; a declared one must hold,
 * and the compliance kit checks both.
 */
public enum Capability {
  /** The multipart primitives: initiate, upload part, complete, abort. */
  MULTIPART,
  /** {@link ObjectStore#listMultipartUploads} lists uploads in progress, so they can be swept. */
  LIST_MULTIPART_UPLOADS,
  /**
   * {@link WriteOptions#createOnly()} is honoured atomically: exactly one of two racing writers
   * wins.
   */
  CONDITIONAL_CREATE,
  /**
   * {@link ObjectStore#get} reads a range without transferring the bytes before it, so the engine
   * may fetch ranges in parallel. Without it {@code get} still returns the right bytes.
   */
  RANGED_READ,
  /** User metadata set on write is returned by {@link ObjectStore#stat}. */
  USER_METADATA,
  /** A reader sees the whole old object or the whole new one, never a part-written one. */
  ATOMIC_WRITE,
  /**
   * An object at a key and objects at keys under it ({@code k} and {@code k/sub}) exist together,
   * as in S3 and OSS. A store that cannot hold both, as a directory tree cannot, refuses the second
   * write with {@link InvalidKeyException}, for that key alone, and keeps the first.
   */
  NESTED_KEYS,
  /**
   * {@link WriteOptions#lastModified()} is kept, to the millisecond, by {@link ObjectStore#put} and
   * {@link ObjectStore#completeMultipart}, and reported by {@link ObjectStore#stat} and {@link
   * ObjectStore#list} (as a local file system keeps a file's modification time).
   */
  SETTABLE_LAST_MODIFIED,

  /**
   * {@link ObjectStore#put} checks the written bytes against each {@link
   * WriteOptions#expectedChecksums() expected checksum} of an algorithm in {@link
   * Capabilities#expectedChecksumAlgorithms()} before the object is published, and refuses a
   * mismatch with {@link IntegrityException}, publishing nothing and leaving any old object as it
   * was: damaged bytes never replace a good version.
   */
  VERIFIES_EXPECTED_CHECKSUMS,

  /**
   * {@link ObjectStore#uploadPart(MultipartUpload, int, Content, java.util.Map)} checks the part's
   * bytes against each expected checksum of an algorithm in {@link
   * Capabilities#expectedChecksumAlgorithms()} before it keeps the part, and refuses a mismatch
   * with {@link IntegrityException}, keeping any part of that number it held before: damaged bytes
   * never join the object a completion publishes. Declared with {@link #MULTIPART} and {@link
   * #VERIFIES_EXPECTED_CHECKSUMS}.
   */
  VERIFIES_EXPECTED_PART_CHECKSUMS,

  /**
   * Every answer of {@link ObjectStore#uploadPart} carries the store's own checksum of the bytes it
   * kept, in each algorithm of {@link Capabilities#checksumAlgorithms()}, whether or not the part
   * was sent with expected checksums. A client that sums the bytes as it sends them then compares
   * each part before completion, and needs no pass over a part beforehand to compute the checksums
   * it would send with it. Declared with {@link #MULTIPART}.
   */
  REPORTS_PART_CHECKSUMS,

  /**
   * {@link ObjectStore#copy} copies an object within the store, its bytes never passing through the
   * client, for objects up to {@link Capabilities#maxCopySize()}.
   */
  COPY,

  /**
   * {@link ObjectStore#copyPart} copies a range of an object into a part of a multipart upload
   * within the store, so that objects above {@link Capabilities#maxCopySize()} are copied without
   * their bytes passing through the client too. Declared with {@link #MULTIPART}.
   */
  MULTIPART_COPY,

  /**
   * Keys and listing prefixes may start with one {@code /} ({@code /0000/x.ltx}), as S3's may: the
   * store holds such a key apart from the one without the slash. Litestream writes such keys for a
   * replica at a bucket's root. {@link Keys#requireValid(String, Capabilities, ErrorContext)} then
   * accepts them; a store without it refuses them with {@link InvalidKeyException}.
   */
  LEADING_SLASH_KEYS
}
