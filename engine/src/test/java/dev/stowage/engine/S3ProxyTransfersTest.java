package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static dev.stowage.engine.Stores.unknownLength;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's transfers on provider-s3 against S3Proxy, whose smallest part is 5 MiB and which
 * records no checksum: parts, ranges and trees arrive whole and nothing is left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ProxyTransfersTest {
  private static final int PART = 5 * 1024 * 1024;

  @TempDir Path temp;
  private S3ProxyServer server;
  private ObjectStore s3;
  private TransferEngine engine;

  @BeforeAll
  void start() throws Exception {
    server = new S3ProxyServer();
    s3 = server.open("engine", "");
    engine = TransferEngine.builder().partSize(PART).concurrency(4).build();
  }

  @AfterAll
  void stop() throws Exception {
    engine.close();
    s3.close();
    server.close();
  }

  @Test
  void uploadsAFileAndAStreamInPartsAndDownloadsThemInRanges() throws IOException {
    byte[] content = bytes(2 * PART + 1_234);
    Path file = Files.write(temp.resolve("file"), content);

    TransferResult fromFile = engine.upload(file, s3, "file", WriteOptions.DEFAULTS);
    TransferResult fromStream =
        engine.upload(unknownLength(content), s3, "stream", WriteOptions.DEFAULTS);
    TransferResult down = engine.download(s3, "file", temp.resolve("down/file"));

    assertThat(fromFile.parts()).isEqualTo(3);
    assertThat(fromStream.parts()).isEqualTo(3);
    assertThat(down.parts()).isEqualTo(3);
    assertThat(fromStream.crc32c()).isEqualTo(fromFile.crc32c()).isEqualTo(down.crc32c());
    assertThat(read(s3, "file")).isEqualTo(content);
    assertThat(read(s3, "stream")).isEqualTo(content);
    assertThat(Files.readAllBytes(temp.resolve("down/file"))).isEqualTo(content);
    assertThat(s3.listMultipartUploads("")).isEmpty();
  }

  @Test
  void copiesAPrefixWithinTheBucketAndDeletesIt() throws IOException {
    for (int i = 0; i < 25; i++) {
      s3.put("tree/" + i, Content.ofBytes(bytes(i * 100)), WriteOptions.DEFAULTS);
    }
    s3.put("tree/large", Content.ofBytes(bytes(PART + 7)), WriteOptions.DEFAULTS);

    BatchResult copied = engine.copyAll(s3, "tree/", s3, "copy/", WriteOptions.DEFAULTS);
    DeleteReport deleted =
        engine.deleteAll(
            s3, Listings.objects(s3, dev.stowage.api.ListRequest.of("copy/")).map(o -> o.key()));

    assertThat(copied.failures()).isEmpty();
    assertThat(copied.objects()).isEqualTo(26);
    assertThat(deleted.deleted()).isEqualTo(26);
    assertThat(engine.statAll(s3, java.util.List.of("copy/3", "tree/3")))
        .extracting(java.util.Optional::isPresent)
        .containsExactly(false, true);
    assertThat(s3.listMultipartUploads("")).isEmpty();
  }
}
