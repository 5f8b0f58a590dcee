package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Listing, batch delete and multipart, through the official client with CRC-64 checking on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OssServerListingAndMultipartTest {
  private OssServer server;
  private OSS client;

  @BeforeAll
  void start() throws IOException {
    server = OssServer.builder().build().start();
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    client =
        OSSClientBuilder.create()
            .endpoint(server.endpoint().toString())
            .credentialsProvider(
                new DefaultCredentialProvider(server.accessKeyId(), server.accessKeySecret()))
            .clientConfiguration(conf)
            .build();
  }

  @AfterAll
  void stop() {
    client.shutdown();
    server.close();
  }

  private void putAll(String bucket, List<String> keys) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String key : keys) {
        futures.add(
            pool.submit(
                () -> client.putObject(bucket, key, new ByteArrayInputStream(new byte[] {1}))));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lists2501KeysPageByPageInUtf8Order() throws Exception {
    server.createBucket("listing");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2_498; i++) {
      keys.add(String.format("k/%04d", i));
    }
    keys.addAll(List.of("k/\uFF5E", "k/\uD83D\uDE00", "k/a b+c"));
    putAll("listing", keys);
    List<String> expected = new ArrayList<>(keys);
    expected.sort(
        (a, b) ->
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    for (int maxKeys : new int[] {1_000, 7}) {
      List<String> listed = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        ListObjectsV2Request request =
            new ListObjectsV2Request("listing").withPrefix("k/").withMaxKeys(maxKeys);
        request.setContinuationToken(token);
        ListObjectsV2Result page = client.listObjectsV2(request);
        assertThat(page.getKeyCount()).isEqualTo(page.getObjectSummaries().size());
        page.getObjectSummaries().forEach(o -> listed.add(o.getKey()));
        token = page.isTruncated() ? page.getNextContinuationToken() : null;
        assertThat(++pages).isLessThanOrEqualTo(2_501 / maxKeys + 2);
      } while (token != null);
      assertThat(listed).as("max-keys " + maxKeys).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void rollsUpCommonPrefixesAndEncodesWhenAsked() throws Exception {
    server.createBucket("delimited");
    putAll("delimited", List.of("p/a", "p/b/1", "p/b/2", "p/c d/e", "p/z"));
    ListObjectsV2Result result =
        client.listObjectsV2(
            new ListObjectsV2Request("delimited").withPrefix("p/").withDelimiter("/"));
    assertThat(result.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("p/a", "p/z");
    assertThat(result.getCommonPrefixes()).containsExactly("p/b/", "p/c d/");
    assertThat(result.getKeyCount()).isEqualTo(4);

    ListObjectsV2Result encoded =
        client.listObjectsV2(
            new ListObjectsV2Request("delimited")
                .withPrefix("p/")
                .withDelimiter("/")
                .withEncodingType("url"));
    assertThat(encoded.getCommonPrefixes()).contains("p%2Fc%20d%2F");
    assertThat(URLDecoder.decode(encoded.getCommonPrefixes().get(1), StandardCharsets.UTF_8))
        .isEqualTo("p/c d/");
  }

  @Test
  void deletesAThousandKeysVerboseAndQuiet() throws Exception {
    server.createBucket("deleting");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      keys.add("d/" + i);
    }
    putAll("deleting", keys.subList(0, 500));
    DeleteObjectsResult verbose =
        client.deleteObjects(new DeleteObjectsRequest("deleting").withKeys(keys).withQuiet(false));
    assertThat(verbose.getDeletedObjects()).hasSize(1_000).containsAll(keys);
    assertThat(client.listObjectsV2("deleting").getObjectSummaries()).isEmpty();

    putAll("deleting", List.of("q/1", "q/2"));
    DeleteObjectsResult quiet =
        client.deleteObjects(
            new DeleteObjectsRequest("deleting").withKeys(List.of("q/1", "q/2")).withQuiet(true));
    assertThat(quiet.getDeletedObjects()).isEmpty();
    assertThat(client.doesObjectExist("deleting", "q/1")).isFalse();
  }

  @Test
  void joinsPartsAndTheClientAgreesWithEveryCrc() throws IOException {
    server.createBucket("multipart");
    String key = "big/\u00e9 object.bin";
    byte[] content = new byte[3 * 150_000 + 777];
    new Random(9).nextBytes(content);
    String uploadId =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("multipart", key))
            .getUploadId();
    List<PartETag> tags = new ArrayList<>();
    for (int number = 4; number >= 1; number--) {
      int from = (number - 1) * 150_000;
      int to = Math.min(content.length, number * 150_000);
      UploadPartRequest part =
          new UploadPartRequest(
              "multipart",
              key,
              uploadId,
              number,
              new ByteArrayInputStream(Arrays.copyOfRange(content, from, to)),
              to - from);
      tags.add(client.uploadPart(part).getPartETag());
    }
    assertThat(client.doesObjectExist("multipart", key)).as("before completion").isFalse();

    client.completeMultipartUpload(
        new CompleteMultipartUploadRequest("multipart", key, uploadId, new ArrayList<>(tags)));

    try (InputStream in = client.getObject("multipart", key).getObjectContent()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(client.getObjectMetadata("multipart", key).getObjectType()).isEqualTo("Multipart");
    assertThat(client.getObjectMetadata("multipart", key).getETag()).endsWith("-4");
    assertThatThrownBy(
            () ->
                client.completeMultipartUpload(
                    new CompleteMultipartUploadRequest(
                        "multipart", key, uploadId, new ArrayList<>(tags))))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchUpload"));
  }

  @Test
  void checksPartsAtCompletion() {
    server.createBucket("multipart");
    String uploadId =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("multipart", "small"))
            .getUploadId();
    PartETag one =
        client
            .uploadPart(
                new UploadPartRequest(
                    "multipart", "small", uploadId, 1, new ByteArrayInputStream(new byte[10]), 10))
            .getPartETag();
    PartETag two =
        client
            .uploadPart(
                new UploadPartRequest(
                    "multipart", "small", uploadId, 2, new ByteArrayInputStream(new byte[10]), 10))
            .getPartETag();
    assertThatThrownBy(
            () ->
                client.completeMultipartUpload(
                    new CompleteMultipartUploadRequest(
                        "multipart", "small", uploadId, new ArrayList<>(List.of(one, two)))))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("EntityTooSmall"));
    PartETag forged = new PartETag(1, "00000000000000000000000000000000");
    assertThatThrownBy(
            () ->
                client.completeMultipartUpload(
                    new CompleteMultipartUploadRequest(
                        "multipart", "small", uploadId, new ArrayList<>(List.of(forged)))))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidPart"));

    client.abortMultipartUpload(
        new com.aliyun.oss.model.AbortMultipartUploadRequest("multipart", "small", uploadId));
    assertThatThrownBy(
            () ->
                client.uploadPart(
                    new UploadPartRequest(
                        "multipart",
                        "small",
                        uploadId,
                        3,
                        new ByteArrayInputStream(new byte[1]),
                        1)))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchUpload"));
    assertThat(client.doesObjectExist("multipart", "small")).isFalse();
  }
}
