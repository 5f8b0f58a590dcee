package dev.stowage.testing;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3Proxy's blob store, counting the calls S3Proxy makes on it for the object requests it serves
 * ({@code putBlob} for a PUT, {@code blobMetadata} for a HEAD, {@code getBlob} for a GET, {@code
 * list} for a listing page, the multipart calls). A {@link ForwardingBlobStore}, which S3Proxy sees
 * through to the store beneath.
 */
final class CountingBlobStore extends ForwardingBlobStore {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  CountingBlobStore(BlobStore blobStore) {
    super(blobStore);
  }

  Map<String, Long> calls() {
    Map<String, Long> counts = new TreeMap<>();
    calls.forEach((call, count) -> counts.put(call, count.sum()));
    return counts;
  }

  private void count(String call) {
    calls.computeIfAbsent(call, c -> new LongAdder()).increment();
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    count("list");
    return super.list(request);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
    count("putBlob");
    return super.putBlob(request, body);
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    count("copyBlob");
    return super.copyBlob(request);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    count("blobMetadata");
    return super.blobMetadata(request);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    count("getBlob");
    return super.getBlob(request);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    count("removeBlob");
    return super.removeBlob(request);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    count("initiateMultipartUpload");
    return super.initiateMultipartUpload(request);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream body) {
    count("uploadMultipartPart");
    return super.uploadMultipartPart(upload, request, body);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    count("completeMultipartUpload");
    return super.completeMultipartUpload(upload, request);
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    count("abortMultipartUpload");
    super.abortMultipartUpload(upload);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload upload) {
    count("listMultipartUpload");
    return super.listMultipartUpload(upload);
  }

  @Override
  public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(
      String container) {
    count("listMultipartUploads");
    return super.listMultipartUploads(container);
  }
}
