package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CopyObject, UploadPartCopy, ListObjects (version 1), ListParts and ListMultipartUploads through
 * the official client, on a server from the JUnit extension.
 */
class OssServerCopyAndListingsTest {
  @RegisterExtension
  static final OssServerExtension OSS = OssServerExtension.withBuckets("copies", "listings");

  private static OSS client;

  @BeforeAll
  static void connect() {
    client = TestClients.v1(OSS.server());
  }

  @AfterAll
  static void disconnect() {
    client.shutdown();
  }

  @Test
  void copiesWithMetadataKeptOrReplacedAndHonoursForbidOverwrite() throws IOException {
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.addUserMetadata("colour", "blue");
    metadata.setContentType("text/plain");
    byte[] content = "copy me".getBytes(StandardCharsets.UTF_8);
    client.putObject("copies", "from/a b+c", new ByteArrayInputStream(content), metadata);

    String etag = client.copyObject("copies", "from/a b+c", "listings", "to/kept").getETag();

    assertThat(etag).isEqualTo(client.getObjectMetadata("copies", "from/a b+c").getETag());
    ObjectMetadata kept = client.getObjectMetadata("listings", "to/kept");
    assertThat(kept.getUserMetadata()).containsEntry("colour", "blue");
    assertThat(kept.getContentType()).isEqualTo("text/plain");
    try (InputStream in = client.getObject("listings", "to/kept").getObjectContent()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }

    CopyObjectRequest replace = new CopyObjectRequest("copies", "from/a b+c", "copies", "to/new");
    ObjectMetadata fresh = new ObjectMetadata();
    fresh.addUserMetadata("colour", "red");
    replace.setNewObjectMetadata(fresh);
    client.copyObject(replace);
    assertThat(client.getObjectMetadata("copies", "to/new").getUserMetadata())
        .containsEntry("colour", "red");

    CopyObjectRequest forbidden = new CopyObjectRequest("copies", "from/a b+c", "copies", "to/new");
    forbidden.addHeader("x-oss-forbid-overwrite", "true");
    assertThatThrownBy(() -> client.copyObject(forbidden))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("FileAlreadyExists"));
    assertThatThrownBy(() -> client.copyObject("copies", "missing", "copies", "to/other"))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchKey"));
    assertThat(client.doesObjectExist("copies", "to/other")).isFalse();
  }

  @Test
  void copiesRangesIntoPartsWhileTheSourceIsTheOneNamed() throws IOException {
    byte[] content = new byte[300_000];
    new java.util.Random(7).nextBytes(content);
    client.putObject("copies", "big/source", new ByteArrayInputStream(content));
    String sourceEtag = client.getObjectMetadata("copies", "big/source").getETag();
    String uploadId =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("listings", "big/copy"))
            .getUploadId();
    List<com.aliyun.oss.model.PartETag> tags = new ArrayList<>();
    long[][] ranges = {{0, 102_400}, {102_400, 102_400}, {204_800, 95_200}};
    for (int i = 0; i < ranges.length; i++) {
      UploadPartCopyRequest part =
          new UploadPartCopyRequest(
              "copies",
              "big/source",
              "listings",
              "big/copy",
              uploadId,
              i + 1,
              ranges[i][0],
              ranges[i][1]);
      part.setMatchingETagConstraints(List.of(sourceEtag));
      tags.add(client.uploadPartCopy(part).getPartETag());
    }

    client.completeMultipartUpload(
        new CompleteMultipartUploadRequest("listings", "big/copy", uploadId, tags));

    try (InputStream in = client.getObject("listings", "big/copy").getObjectContent()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(client.getObjectMetadata("listings", "big/copy").getServerCRC())
        .isEqualTo(client.getObjectMetadata("copies", "big/source").getServerCRC());

    // a source replaced since it was described fails the part; a missing one is NoSuchKey
    String second =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("listings", "big/stale"))
            .getUploadId();
    client.putObject("copies", "big/source", new ByteArrayInputStream(new byte[] {1, 2, 3}));
    UploadPartCopyRequest stale =
        new UploadPartCopyRequest(
            "copies", "big/source", "listings", "big/stale", second, 1, 0L, 3L);
    stale.setMatchingETagConstraints(List.of(sourceEtag));
    assertThatThrownBy(() -> client.uploadPartCopy(stale))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PreconditionFailed"));
    assertThatThrownBy(
            () ->
                client.uploadPartCopy(
                    new UploadPartCopyRequest(
                        "copies", "missing", "listings", "big/stale", second, 1, 0L, 1L)))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchKey"));
    assertThat(client.listParts(new ListPartsRequest("listings", "big/stale", second)).getParts())
        .isEmpty();
    client.abortMultipartUpload(
        new com.aliyun.oss.model.AbortMultipartUploadRequest("listings", "big/stale", second));
  }

  @Test
  void listsVersionOneWithMarkersAndRolledUpPrefixes() {
    List<String> keys = List.of("v1/a", "v1/b/1", "v1/b/2", "v1/c", "v1/d/1", "v1/e");
    keys.forEach(k -> client.putObject("listings", k, new ByteArrayInputStream(new byte[] {1})));
    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    ObjectListing page;
    do {
      page = client.listObjects(new ListObjectsRequest("listings", "v1/", marker, "/", 2));
      page.getObjectSummaries().forEach(o -> seen.add(o.getKey()));
      seen.addAll(page.getCommonPrefixes());
      marker = page.getNextMarker();
      pages++;
    } while (page.isTruncated());

    assertThat(seen).containsExactly("v1/a", "v1/b/", "v1/c", "v1/d/", "v1/e");
    assertThat(pages).isEqualTo(3);
    ObjectListing all = client.listObjects("listings", "v1/");
    assertThat(all.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactlyElementsOf(keys);
    assertThat(all.isTruncated()).isFalse();
  }

  @Test
  void listsPartsAndUploadsPageByPage() {
    String first =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("listings", "up/a"))
            .getUploadId();
    String second =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("listings", "up/a"))
            .getUploadId();
    String third =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("listings", "up/b"))
            .getUploadId();
    for (int number = 1; number <= 5; number++) {
      client.uploadPart(
          new UploadPartRequest(
              "listings",
              "up/a",
              first,
              number,
              new ByteArrayInputStream(new byte[number]),
              number));
    }

    List<Integer> numbers = new ArrayList<>();
    Integer partMarker = null;
    PartListing parts;
    do {
      ListPartsRequest request = new ListPartsRequest("listings", "up/a", first);
      request.setMaxParts(2);
      request.setPartNumberMarker(partMarker);
      parts = client.listParts(request);
      parts.getParts().forEach(p -> numbers.add(p.getPartNumber()));
      assertThat(parts.getParts()).allMatch(p -> p.getSize() == p.getPartNumber());
      partMarker = parts.getNextPartNumberMarker();
    } while (parts.isTruncated());
    assertThat(numbers).containsExactly(1, 2, 3, 4, 5);
    assertThat(client.listParts(new ListPartsRequest("listings", "up/a", first)).getParts())
        .extracting(PartSummary::getETag)
        .hasSize(5)
        .allMatch(etag -> etag.matches("[0-9A-F]{32}"));

    List<String> uploads = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    MultipartUploadListing listing;
    do {
      ListMultipartUploadsRequest request = new ListMultipartUploadsRequest("listings");
      request.setPrefix("up/");
      request.setMaxUploads(2);
      request.setKeyMarker(keyMarker);
      request.setUploadIdMarker(uploadIdMarker);
      listing = client.listMultipartUploads(request);
      listing.getMultipartUploads().forEach(u -> uploads.add(u.getKey() + " " + u.getUploadId()));
      assertThat(listing.getMultipartUploads()).allMatch(u -> u.getInitiated() != null);
      keyMarker = listing.getNextKeyMarker();
      uploadIdMarker = listing.getNextUploadIdMarker();
    } while (listing.isTruncated());
    List<String> expected = new ArrayList<>(List.of("up/a " + first, "up/a " + second));
    expected.sort(null);
    expected.add("up/b " + third);
    assertThat(uploads).containsExactlyElementsOf(expected);

    ListMultipartUploadsRequest rolledUp = new ListMultipartUploadsRequest("listings");
    rolledUp.setDelimiter("/");
    MultipartUploadListing prefixes = client.listMultipartUploads(rolledUp);
    assertThat(prefixes.getCommonPrefixes()).containsExactly("up/");
    assertThat(prefixes.getMultipartUploads()).extracting(MultipartUpload::getKey).isEmpty();

    for (String id : List.of(first, second)) {
      client.abortMultipartUpload(
          new com.aliyun.oss.model.AbortMultipartUploadRequest("listings", "up/a", id));
    }
    client.abortMultipartUpload(
        new com.aliyun.oss.model.AbortMultipartUploadRequest("listings", "up/b", third));
    assertThat(OSS.server().uploadsInProgress("listings")).isZero();
    assertThatThrownBy(() -> client.listParts(new ListPartsRequest("listings", "up/a", first)))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchUpload"));
  }
}
