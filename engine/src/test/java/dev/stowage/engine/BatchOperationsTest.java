package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many objects at once: directory trees, prefixes, batch deletes and stat fan-outs. */
class BatchOperationsTest {
  private static final int PART = 100 * 1024;

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore filesystem;
  private ObjectStore oss;
  private TransferEngine engine;

  @BeforeEach
  void open() throws IOException {
    filesystem = Stores.filesystem(temp.resolve("fs"));
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "batch");
    engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(4)
            .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build();
  }

  @AfterEach
  void close() {
    engine.close();
    oss.close();
    filesystem.close();
    server.close();
  }

  /** 40 small files in nested directories and 3 that take several parts. */
  private Path tree() throws IOException {
    Path root = temp.resolve("tree");
    for (int i = 0; i < 40; i++) {
      Path file = root.resolve("d" + (i % 4)).resolve("sub").resolve("f" + i);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes(100 + i));
    }
    for (int i = 0; i < 3; i++) {
      Files.write(root.resolve("large" + i), bytes(3 * PART + i));
    }
    return root;
  }

  @Test
  void uploadsCopiesAndDownloadsATreeIntact() throws IOException {
    Path tree = tree();

    BatchResult up = engine.uploadAll(tree, oss, "backup/", WriteOptions.DEFAULTS);
    BatchResult across =
        engine.copyAll(oss, "backup/", filesystem, "mirror/", WriteOptions.DEFAULTS);
    BatchResult down = engine.downloadAll(filesystem, "mirror/", temp.resolve("restored"));

    assertThat(up.objects()).isEqualTo(43);
    assertThat(up.isComplete()).isTrue();
    assertThat(across.objects()).isEqualTo(43);
    assertThat(down.objects()).isEqualTo(43);
    assertThat(down.bytes()).isEqualTo(up.bytes()).isEqualTo(across.bytes());
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path restored = temp.resolve("restored").resolve(tree.relativize(file));
        assertThat(Files.readAllBytes(restored))
            .as(restored.toString())
            .isEqualTo(Files.readAllBytes(file));
      }
    }
    assertThat(read(oss, "backup/d1/sub/f5")).isEqualTo(bytes(105));
    assertThat(server.uploadsInProgress("engine")).isZero();
    assertThat(filesystem.listMultipartUploads("")).isEmpty();
  }

  @Test
  void recordsTheObjectThatFailedAndCopiesTheRest() throws IOException {
    engine.uploadAll(tree(), filesystem, "src/", WriteOptions.DEFAULTS);
    server
        .faults()
        .inject(
            Fault.error(400, "InvalidDigest")
                .on(OssOperation.PUT_OBJECT)
                .forKeysStartingWith("batch/dst/d2/sub/f6")
                .times(1_000));

    BatchResult result = engine.copyAll(filesystem, "src/", oss, "dst/", WriteOptions.DEFAULTS);

    assertThat(result.objects()).isEqualTo(42);
    assertThat(result.failures()).containsOnlyKeys("src/d2/sub/f6");
    assertThat(result.failures().get("src/d2/sub/f6")).isInstanceOf(IntegrityException.class);
    assertThat(oss.stat("dst/d2/sub/f6")).isEmpty();
    assertThat(oss.stat("dst/d2/sub/f2")).isPresent();
  }

  @Test
  void stopsTheWholeBatchOnAFailureThatWouldFailEveryObject() throws IOException {
    engine.uploadAll(tree(), filesystem, "src/", WriteOptions.DEFAULTS);
    server
        .faults()
        .inject(
            Fault.error(403, "AccessDenied")
                .on(OssOperation.PUT_OBJECT, OssOperation.INITIATE_MULTIPART_UPLOAD)
                .times(10_000));

    assertThatThrownBy(() -> engine.copyAll(filesystem, "src/", oss, "dst/", WriteOptions.DEFAULTS))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(server.faults().firedTotal())
        .as("objects tried after the first refusal: at most those already in flight")
        .isLessThanOrEqualTo(4 + 4);
  }

  @Test
  void deletesInBatchesOfTheDeclaredSizeAndReportsEveryKey() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2_345; i++) {
      keys.add("del/" + i);
      oss.put("del/" + i, Content.ofBytes(new byte[] {(byte) i}), WriteOptions.DEFAULTS);
    }

    DeleteReport report = engine.deleteAll(oss, keys.stream());

    assertThat(report.deleted()).isEqualTo(2_345);
    assertThat(report.requests()).as("batches of at most 1,000 keys").isEqualTo(3);
    assertThat(report.isComplete()).isTrue();
    assertThat(Listings.objects(oss, ListRequest.of("del/")).count()).isZero();
  }

  @Test
  void retriesABatchThatWasThrottled() {
    IntStream.range(0, 10)
        .forEach(i -> oss.put("t/" + i, Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS));
    server
        .faults()
        .inject(Fault.error(503, "SlowDown").on(OssOperation.DELETE_MULTIPLE_OBJECTS).times(1));

    DeleteReport report = engine.deleteAll(oss, IntStream.range(0, 10).mapToObj(i -> "t/" + i));

    assertThat(report.deleted()).isEqualTo(10);
    assertThat(engine.metrics().throttled()).isEqualTo(1);
    assertThat(engine.metrics().retries()).isEqualTo(1);
  }

  @Test
  void statsManyKeysInInputOrderWithMissingOnesEmpty() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String key = "s/" + (199 - i);
      keys.add(key);
      if (i % 3 != 0) {
        oss.put(key, Content.ofBytes(bytes(i)), WriteOptions.DEFAULTS);
      }
    }

    List<Optional<ObjectInfo>> infos = engine.statAll(oss, keys);

    assertThat(infos).hasSize(200);
    for (int i = 0; i < 200; i++) {
      if (i % 3 == 0) {
        assertThat(infos.get(i)).as(keys.get(i)).isEmpty();
      } else {
        assertThat(infos.get(i).orElseThrow().key()).isEqualTo(keys.get(i));
        assertThat(infos.get(i).orElseThrow().size()).isEqualTo(i);
      }
    }
  }

  @Test
  void stopsAStatFanOutAtTheFirstFatalError() {
    List<String> keys = IntStream.range(0, 500).mapToObj(i -> "f/" + i).toList();
    server
        .faults()
        .inject(
            Fault.error(403, "AccessDenied")
                .on(OssOperation.HEAD_OBJECT, OssOperation.GET_OBJECT_META)
                .times(100_000));

    assertThatThrownBy(() -> engine.statAll(oss, keys))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(server.faults().firedTotal())
        .as("stats sent after the first refusal: at most those already in flight")
        .isLessThanOrEqualTo(TransferEngineBuilder.DEFAULT_STAT_CONCURRENCY * 2);
  }
}
