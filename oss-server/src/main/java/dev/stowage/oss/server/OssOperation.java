package dev.stowage.oss.server;

/** The OSS API operations the server tells apart, named as Alibaba's API reference names them. */
public enum OssOperation {
  /** {@code PUT /bucket/}. */
  PUT_BUCKET("PutBucket"),
  /** {@code DELETE /bucket/}. */
  DELETE_BUCKET("DeleteBucket"),
  /** {@code HEAD /bucket/}. */
  HEAD_BUCKET("HeadBucket"),
  /** {@code GET /bucket/?acl}, which the client's {@code doesBucketExist} sends. */
  GET_BUCKET_ACL("GetBucketAcl"),
  /** {@code GET /bucket/} (version 1 listing). */
  LIST_OBJECTS("ListObjects"),
  /** {@code GET /bucket/?list-type=2}. */
  LIST_OBJECTS_V2("ListObjectsV2"),
  /** {@code POST /bucket/?delete}. */
  DELETE_MULTIPLE_OBJECTS("DeleteMultipleObjects"),
  /** {@code GET /bucket/?uploads}. */
  LIST_MULTIPART_UPLOADS("ListMultipartUploads"),
  /** {@code PUT /bucket/key}. */
  PUT_OBJECT("PutObject"),
  /** {@code PUT /bucket/key} with {@code x-oss-copy-source}. */
  COPY_OBJECT("CopyObject"),
  /** {@code GET /bucket/key}. */
  GET_OBJECT("GetObject"),
  /** {@code HEAD /bucket/key}. */
  HEAD_OBJECT("HeadObject"),
  /** {@code HEAD /bucket/key?objectMeta}, which the client's {@code doesObjectExist} sends. */
  GET_OBJECT_META("GetObjectMeta"),
  /** {@code DELETE /bucket/key}. */
  DELETE_OBJECT("DeleteObject"),
  /** {@code POST /bucket/key?uploads}. */
  INITIATE_MULTIPART_UPLOAD("InitiateMultipartUpload"),
  /** {@code PUT /bucket/key?partNumber=N&uploadId=ID}. */
  UPLOAD_PART("UploadPart"),
  /** {@code PUT /bucket/key?partNumber=N&uploadId=ID} with {@code x-oss-copy-source}. */
  UPLOAD_PART_COPY("UploadPartCopy"),
  /** {@code POST /bucket/key?uploadId=ID}. */
  COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"),
  /** {@code DELETE /bucket/key?uploadId=ID}. */
  ABORT_MULTIPART_UPLOAD("AbortMultipartUpload"),
  /** {@code GET /bucket/key?uploadId=ID}. */
  LIST_PARTS("ListParts");

  private final String apiName;

  OssOperation(String apiName) {
    this.apiName = apiName;
  }

  /**
   * Returns the name in Alibaba's API reference, such as {@code PutObject}.
   *
   * @return the name
   */
  public String apiName() {
    return apiName;
  }
}
