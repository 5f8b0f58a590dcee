package dev.stowage.api;

import java.util.Locale;

/** The store operation that failed, carried by every {@link StorageException}. */
public enum StorageOperation {
  /** Parsing a location or configuration, or opening a store. */
  OPEN,
  /** {@link ObjectStore#stat}. */
  STAT,
  /** {@link ObjectStore#get}. */
  READ,
  /** {@link ObjectStore#put}. */
  WRITE,
  /** {@link ObjectStore#list}. */
  LIST,
  /** {@link ObjectStore#delete}. */
  DELETE,
  /** {@link ObjectStore#initiateMultipart}. */
  INITIATE_MULTIPART,
  /** {@link ObjectStore#uploadPart}. */
  UPLOAD_PART,
  /** {@link ObjectStore#completeMultipart}. */
  COMPLETE_MULTIPART,
  /** {@link ObjectStore#abortMultipart}. */
  ABORT_MULTIPART,
  /** {@link ObjectStore#listMultipartUploads}. */
  LIST_MULTIPART_UPLOADS,
  /** {@link ObjectStore#listParts}. */
  LIST_PARTS,
  /** {@link ObjectStore#copy}. */
  COPY,
  /** {@link ObjectStore#copyPart}. */
  COPY_PART;

  /**
   * Returns the operation as a lower-case phrase for messages, such as {@code "upload part"}.
   *
   * @return the phrase
   */
  public String phrase() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
