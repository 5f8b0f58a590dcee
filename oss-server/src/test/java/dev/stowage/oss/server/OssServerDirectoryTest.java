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
}
