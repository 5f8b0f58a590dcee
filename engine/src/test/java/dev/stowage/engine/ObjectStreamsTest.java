package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's stream front-ends over real stores: a seekable resuming read, a streaming write. */
class ObjectStreamsTest {
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
    oss = Stores.oss(server, "engine", "streams");
    engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(4)
            .memoryBudget(4L * PART)
            .retry(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build();
  }

  @AfterEach
  void close() {
    engine.close();
    oss.close();
    filesystem.close();
    server.close();
  }

  @Test
  void readsAWholeObjectInOrderAndSaysHowItWasVerified() throws IOException {
    byte[] content = bytes(3 * PART + 17);
    filesystem.put("whole", Content.ofBytes(content), WriteOptions.DEFAULTS);

    try (ObjectReadStream in = engine.open(filesystem, "whole")) {
      assertThat(in.verifiedBy()).as("before the end").isEmpty();
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.verifiedBy()).containsExactly(ChecksumAlgorithm.CRC32C);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void readsAheadInRangesOfTheSizeAskedAndStillVerifiesTheWhole() throws IOException {
    byte[] content = bytes(10 * PART + 17);
    oss.put("ranges", Content.ofBytes(content), WriteOptions.DEFAULTS);
    long gets = server.requests(OssOperation.GET_OBJECT);

    try (ObjectReadStream in = engine.open(oss, "ranges")) {
      in.readAhead(2 * PART);
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.verifiedBy()).containsExactly(ChecksumAlgorithm.CRC64ECMA);
    }
    assertThat(server.requests(OssOperation.GET_OBJECT) - gets)
        .as("GETs of ranges of 2 parts over 10 parts and 17 bytes")
        .isEqualTo(6);

    gets = server.requests(OssOperation.GET_OBJECT);
    try (ObjectReadStream in = engine.open(oss, "ranges")) {
      in.seek(3 * PART);
      in.readAhead(PART);
      byte[] some = new byte[PART + 10];
      assertThat(in.readNBytes(some, 0, some.length)).isEqualTo(some.length);
      assertThat(some).isEqualTo(Arrays.copyOfRange(content, 3 * PART, 4 * PART + 10));
    }
    assertThat(server.requests(OssOperation.GET_OBJECT) - gets)
        .as("GETs of one read larger than the read-ahead: one range the size of the read")
        .isEqualTo(1);
    assertThatThrownBy(() -> engine.open(oss, "ranges").readAhead(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifiesAnEmptyObjectAtItsFirstRead() throws IOException {
    filesystem.put("empty", Content.ofBytes(new byte[0]), WriteOptions.DEFAULTS);

    try (ObjectReadStream in = engine.open(filesystem, "empty")) {
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.verifiedBy()).containsExactly(ChecksumAlgorithm.CRC32C);
    }
  }

  @Test
  void seeksAndReadsAtPositionsWithoutMovingTheStream() throws IOException {
    byte[] content = bytes(2 * PART);
    filesystem.put("seek", Content.ofBytes(content), WriteOptions.DEFAULTS);

    try (ObjectReadStream in = engine.open(filesystem, "seek")) {
      assertThat(in.length()).isEqualTo(content.length);
      in.seek(PART);
      byte[] ten = new byte[10];
      assertThat(in.read(ten, 0, 10)).isEqualTo(10);
      assertThat(ten).isEqualTo(Arrays.copyOfRange(content, PART, PART + 10));
      assertThat(in.position()).isEqualTo(PART + 10);

      byte[] early = new byte[100];
      in.readFully(5, early, 0, 100);
      assertThat(early).isEqualTo(Arrays.copyOfRange(content, 5, 105));
      assertThat(in.position()).as("after a positioned read").isEqualTo(PART + 10);
      assertThat(in.read(content.length, early, 0, 1)).isEqualTo(-1);
      assertThatThrownBy(() -> in.readFully(content.length - 1, early, 0, 2))
          .isInstanceOf(EOFException.class);
      assertThatThrownBy(() -> in.seek(content.length + 1)).isInstanceOf(EOFException.class);

      in.seek(0);
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.verifiedBy()).as("read whole again after seeking to 0").isNotEmpty();
    }
  }

  @Test
  void refusesToOpenAMissingObject() {
    assertThatThrownBy(() -> engine.open(filesystem, "missing"))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void resumesReadsCutShortFromTheByteWhereTheyStopped() throws IOException {
    byte[] content = bytes(5 * PART);
    oss.put("cut", Content.ofBytes(content), WriteOptions.DEFAULTS);
    server.faults().inject(Fault.truncateResponseBody(30_000).on(OssOperation.GET_OBJECT).times(2));

    try (ObjectReadStream in = engine.open(oss, "cut")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.verifiedBy()).contains(ChecksumAlgorithm.CRC64ECMA);
    }
    assertThat(server.faults().fired(OssOperation.GET_OBJECT)).isEqualTo(2);
  }

  @Test
  void neverMixesTwoVersionsOfAnObjectReplacedWhileRead() throws IOException {
    byte[] first = bytes(5 * PART);
    byte[] second = bytes(5 * PART);
    Collections.reverse(Arrays.asList(second));
    second[0] ^= 1;
    oss.put("replaced", Content.ofBytes(first), WriteOptions.DEFAULTS);
    server.faults().inject(Fault.truncateResponseBody(30_000).on(OssOperation.GET_OBJECT).times(1));

    try (ObjectReadStream in = engine.open(oss, "replaced")) {
      byte[] start = new byte[1_000];
      in.readNBytes(start, 0, start.length);
      oss.put("replaced", Content.ofBytes(second), WriteOptions.DEFAULTS);

      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasCauseInstanceOf(IntegrityException.class)
          .hasMessageContaining("changed or vanished");
    }
  }

  @Test
  void failsTheLastReadOfBytesThatDoNotMatchTheStoredChecksum() throws IOException {
    byte[] content = bytes(PART);
    FaultyStore faulty = new FaultyStore(filesystem);
    faulty.put("flipped", Content.ofBytes(content), WriteOptions.DEFAULTS);
    faulty.inject(FaultyStore.Kind.FLIP_BYTE_ON_READ, "flipped", 1, 1);

    try (ObjectReadStream in = engine.open(faulty, "flipped")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasCauseInstanceOf(IntegrityException.class)
          .hasMessageContaining("CRC-32C");
    }
  }

  @Test
  void writesAStreamAsAnObjectThatAppearsOnlyOnClose() throws IOException {
    byte[] content = bytes(7 * PART + 3);
    ObjectWriteStream out = engine.newUpload(filesystem, "written", WriteOptions.DEFAULTS);
    for (int from = 0; from < content.length; from += 4_099) {
      out.write(content, from, Math.min(4_099, content.length - from));
    }
    assertThat(out.result()).isEmpty();

    out.close();

    assertThat(read(filesystem, "written")).isEqualTo(content);
    TransferResult result = out.result().orElseThrow();
    assertThat(result.bytes()).isEqualTo(content.length);
    assertThat(result.parts()).isGreaterThan(1);
    assertThat(filesystem.listMultipartUploads("")).isEmpty();
  }

  @Test
  void cancelledWriteLeavesNoObjectAndNoUpload() throws IOException {
    ObjectWriteStream out = engine.newUpload(oss, "cancelled", WriteOptions.DEFAULTS);
    out.write(bytes(3 * PART));

    out.cancel();

    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
    assertThatThrownBy(out::close).isInstanceOf(IOException.class);
    assertThat(oss.stat("cancelled")).isEmpty();
    assertThat(oss.listMultipartUploads("")).isEmpty();
  }

  @Test
  void aWriteTheStoreRefusesFailsOnCloseWithTheStoresReason() throws IOException {
    filesystem.put("taken", Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    ObjectWriteStream out =
        engine.newUpload(filesystem, "taken", WriteOptions.builder().createOnly(true).build());
    out.write(bytes(10));

    assertThatThrownBy(out::close)
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(PreconditionFailedException.class);
    assertThat(read(filesystem, "taken")).containsExactly(1);
  }

  @Test
  void theListenerHearsEachTransfersStartAndItsOneEnd() throws IOException {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    TransferListener listener =
        new TransferListener() {
          @Override
          public void onProgress(TransferProgress progress) {}

          @Override
          public void onStarted(String key) {
            events.add("started " + key);
          }

          @Override
          public void onFailed(String key, RuntimeException failure) {
            events.add("failed " + key);
          }

          @Override
          public void onTransferred(TransferResult result) {
            events.add("transferred " + result.object().key());
          }
        };
    filesystem.put("exists", Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    try (TransferEngine heard = TransferEngine.builder().listener(listener).build()) {
      heard.upload(Content.ofBytes(bytes(10)), filesystem, "new", WriteOptions.DEFAULTS);
      assertThatThrownBy(
              () ->
                  heard.upload(
                      Content.ofBytes(bytes(10)),
                      filesystem,
                      "exists",
                      WriteOptions.builder().createOnly(true).build()))
          .isInstanceOf(PreconditionFailedException.class);
      ByteArrayOutputStream ignored = new ByteArrayOutputStream();
      try (InputStream in = heard.open(filesystem, "new")) {
        in.transferTo(ignored);
      }
    }

    assertThat(events)
        .containsExactly("started new", "transferred new", "started exists", "failed exists");
  }
}
