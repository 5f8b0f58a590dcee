package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A multipart session that continues an upload another one began, on the filesystem store. */
class MultipartSessionTest {
  private static final int PART = 64 * 1024;
  private static final List<Crc> CODES = List.of(Crc.CRC32C);

  @TempDir Path temp;
  private ObjectStore store;
  private EngineResources engine;

  @BeforeEach
  void open() throws IOException {
    store = Stores.filesystem(temp.resolve("fs"));
    engine =
        TestResources.of(
            PART,
            2,
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)),
            TransferListener.NONE);
  }

  @AfterEach
  void close() {
    engine.close();
    store.close();
  }

  @Test
  void continuesAnUploadAdoptingThePartsThatHoldTheRightBytes() throws Throwable {
    byte[] content = bytes(3 * PART + 100);
    MultipartUpload upload = store.initiateMultipart("resumed", WriteOptions.DEFAULTS);
    for (int number = 1; number <= 3; number++) {
      store.uploadPart(
          upload, number, Content.ofBytes(number == 3 ? bytes(PART) : part(content, number)));
    }

    MultipartSession session = session("resumed");
    Map<Integer, CompletedPart> stored = session.resume(upload);

    assertThat(stored).containsOnlyKeys(1, 2, 3);
    assertThat(session.adopt(stored.get(1), sums(part(content, 1)))).isTrue();
    assertThat(session.adopt(stored.get(2), sums(part(content, 2)))).isTrue();
    assertThat(session.adopt(stored.get(3), sums(part(content, 3))))
        .as("a stored part with other bytes")
        .isFalse();
    for (int number = 3; number <= 4; number++) {
      CountDownLatch settled = new CountDownLatch(1);
      session.submit(number, Content.ofBytes(part(content, number)), settled::countDown);
      settled.await();
    }
    MultipartSession.Result result = session.complete();

    assertThat(read(store, "resumed")).isEqualTo(content);
    assertThat(result.parts()).isEqualTo(4);
    assertThat(result.sums().toMap()).isEqualTo(sums(content).toMap());
    assertThat(store.listMultipartUploads("")).isEmpty();
  }

  @Test
  void refusesToContinueAnUploadOfAnotherKey() {
    MultipartUpload upload = store.initiateMultipart("other", WriteOptions.DEFAULTS);

    assertThatThrownBy(() -> session("mine").resume(upload))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another key");
    store.abortMultipart(upload);
  }

  @Test
  void abortingAContinuedUploadRemovesIt() {
    MultipartUpload upload = store.initiateMultipart("dropped", WriteOptions.DEFAULTS);
    store.uploadPart(upload, 1, Content.ofBytes(bytes(PART)));
    MultipartSession session = session("dropped");
    session.resume(upload);

    session.abort(new IllegalStateException("the caller gave up"));

    assertThat(store.listMultipartUploads("")).isEmpty();
    assertThat(store.stat("dropped")).isEmpty();
  }

  private MultipartSession session(String key) {
    Transfer transfer =
        new Transfer(
            engine,
            ErrorContext.of(StorageOperation.WRITE, store.location()).withKey(key),
            key,
            -1);
    return new MultipartSession(transfer, store, key, WriteOptions.DEFAULTS, CODES);
  }

  private static byte[] part(byte[] content, int number) {
    int from = (number - 1) * PART;
    return Arrays.copyOfRange(content, from, Math.min(content.length, from + PART));
  }

  private static Sums sums(byte[] bytes) {
    Sums.Running running = new Sums.Running(CODES);
    running.update(bytes, 0, bytes.length);
    return running.finish();
  }
}
