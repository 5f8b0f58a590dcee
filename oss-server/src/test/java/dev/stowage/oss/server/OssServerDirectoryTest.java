package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage in a directory: a server started again on it serves what the last one stored. */
class OssServerDirectoryTest {
  @TempDir Path directory;

  @Test
  void servesWhatAPreviousServerStored() throws IOException {
    String key = "d/\u00e9 k+ey";
    byte[] content = "kept across restarts".getBytes(StandardCharsets.UTF_8);
    String etag;
    try (OssServer first = OssServer.builder().directory(directory).build().start()) {
      first.createBucket("kept");
      first.createBucket("dropped");
      OSS client = TestClients.v1(first);
      try {
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.addUserMetadata("note", "caf\u00e9");
        metadata.setContentType("text/plain");
        etag = client.putObject("kept", key, new ByteArrayInputStream(content), metadata).getETag();
        client.putObject("kept", "gone", new ByteArrayInputStream(new byte[] {1}));
        client.deleteObject("kept", "gone");
        client.deleteBucket("dropped");
      } finally {
        client.shutdown();
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      assertThat(files).noneMatch(p -> p.getFileName().toString().startsWith(".tmp-"));
    }
    Path data = directory.resolve("stowage-data");
    try (OssServer modes = OssServer.builder().directory(data).build().start()) {
      modes.createBucket("private");
      OSS client = TestClients.v4(modes);
      try {
        client.putObject("private", "k", new ByteArrayInputStream(content));
      } finally {
        client.shutdown();
      }
    }
    try (Stream<Path> files = Files.walk(data)) {
      assertThat(files)
          .as("folders 0700, files 0600")
          .allSatisfy(
              p ->
                  assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                      .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    }

    try (OssServer second = OssServer.builder().directory(directory).build().start()) {
      assertThat(second.hasBucket("kept")).isTrue();
      assertThat(second.hasBucket("dropped")).isFalse();
      OSS client = TestClients.v4(second);
      try {
        ObjectMetadata metadata = client.getObjectMetadata("kept", key);
        assertThat(metadata.getETag()).isEqualTo(etag);
        assertThat(metadata.getUserMetadata()).containsEntry("note", "caf\u00e9");
        assertThat(metadata.getContentType()).isEqualTo("text/plain");
        try (InputStream in = client.getObject("kept", key).getObjectContent()) {
          assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(client.doesObjectExist("kept", "gone")).isFalse();
      } finally {
        client.shutdown();
      }
    }
  }

  /**
   * On disk, bytes are not held in the heap: a server in a 64 MiB heap takes 160 MiB (three single
   * PUTs and a multipart upload) and, started again in as small a heap, serves them back.
   */
  @Test
  void holdsMoreThanItsHeapOnDisk() throws Exception {
    Path data = directory.resolve("big");
    byte[] piece = new byte[40 * 1024 * 1024];
    new java.util.Random(7).nextBytes(piece);
    Process first = smallServer(data);
    try {
      OSS client = clientOf(first);
      try {
        for (int i = 0; i < 3; i++) {
          client.putObject("big", "object-" + i, new ByteArrayInputStream(piece));
        }
        String uploadId =
            client
                .initiateMultipartUpload(
                    new com.aliyun.oss.model.InitiateMultipartUploadRequest("big", "joined"))
                .getUploadId();
        List<com.aliyun.oss.model.PartETag> parts = new java.util.ArrayList<>();
        for (int part = 1; part <= 2; part++) {
          com.aliyun.oss.model.UploadPartRequest request =
              new com.aliyun.oss.model.UploadPartRequest(
                  "big",
                  "joined",
                  uploadId,
                  part,
                  new ByteArrayInputStream(piece, 0, 20 << 20),
                  20 << 20);
          parts.add(client.uploadPart(request).getPartETag());
        }
        client.completeMultipartUpload(
            new com.aliyun.oss.model.CompleteMultipartUploadRequest(
                "big", "joined", uploadId, parts));
      } finally {
        client.shutdown();
      }
    } finally {
      stop(first);
    }
    Process second = smallServer(data);
    try {
      OSS client = clientOf(second);
      try {
        for (int i = 0; i < 3; i++) {
          try (InputStream in = client.getObject("big", "object-" + i).getObjectContent()) {
            assertThat(in.readAllBytes()).isEqualTo(piece);
          }
        }
        assertThat(client.getObjectMetadata("big", "joined").getContentLength())
            .isEqualTo(40L << 20);
      } finally {
        client.shutdown();
      }
    } finally {
      stop(second);
    }
    assertThat(Files.readString(directory.resolve("server-err")))
        .doesNotContain("OutOfMemoryError");
  }

  private Process smallServer(Path data) throws IOException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                OssServer.class.getName(),
                "--directory=" + data,
                "--bucket=big",
                "--access-key-id=LTAISMALLHEAP",
                "--access-key-secret=small-heap-secret")
            .redirectError(
                ProcessBuilder.Redirect.appendTo(directory.resolve("server-err").toFile()))
            .start();
    java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.trim().startsWith("endpoint:")) {
        endpoints.put(child, line.substring(line.indexOf("http")).trim());
        return child;
      }
    }
    throw new AssertionError("the server printed no endpoint");
  }

  private final java.util.Map<Process, String> endpoints = new java.util.HashMap<>();

  private OSS clientOf(Process server) {
    com.aliyun.oss.ClientBuilderConfiguration conf =
        new com.aliyun.oss.ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    return com.aliyun.oss.OSSClientBuilder.create()
        .endpoint(endpoints.get(server))
        .credentialsProvider(
            new com.aliyun.oss.common.auth.DefaultCredentialProvider(
                "LTAISMALLHEAP", "small-heap-secret"))
        .clientConfiguration(conf)
        .build();
  }

  private static void stop(Process server) throws InterruptedException {
    server.destroy();
    assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }
}
