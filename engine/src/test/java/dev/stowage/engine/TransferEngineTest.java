package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against the real filesystem provider, found through ServiceLoader. */
class TransferEngineTest {
  @TempDir Path temp;
  private ObjectStore source;
  private ObjectStore target;

  @BeforeEach
  void openStores() {
    Providers providers = Providers.load();
    source = providers.open(StorageLocation.of(temp.resolve("source")), Map.of());
    target = providers.open(StorageLocation.of(temp.resolve("target")), Map.of());
  }

  @AfterEach
  void closeStores() {
    source.close();
    target.close();
  }

  @Test
  void copiesWithOneWriteWhenTheObjectFitsOnePart() throws IOException {
    byte[] content = bytes(10_000);
    source.put("a/b", Content.ofBytes(content), WriteOptions.DEFAULTS);

    ObjectInfo copied =
        TransferEngine.create().copy(source, "a/b", target, "c/d", WriteOptions.DEFAULTS).object();

    assertThat(copied.size()).isEqualTo(content.length);
    assertThat(read(target, "c/d")).isEqualTo(content);
  }

  @Test
  void copiesInPartsAndLeavesNoUploadBehind() throws IOException {
    byte[] content = bytes(10_001);
    source.put("big", Content.ofBytes(content), WriteOptions.DEFAULTS);

    TransferEngine.builder()
        .partSize(1_000)
        .build()
        .copy(source, "big", target, "big", WriteOptions.DEFAULTS);

    assertThat(read(target, "big")).isEqualTo(content);
    assertThat(target.stat("big").orElseThrow().checksums())
        .isEqualTo(source.stat("big").orElseThrow().checksums());
    assertThat(target.listMultipartUploads("")).isEmpty();
  }

  @Test
  void abortsTheUploadWhenTheSourceEndsEarly() {
    Content truncated =
        new Content() {
          @Override
          public long length() {
            return 5_000;
          }

          @Override
          public InputStream open() {
            return new java.io.ByteArrayInputStream(new byte[3_000]);
          }
        };

    assertThatThrownBy(
            () ->
                TransferEngine.builder()
                    .partSize(1_000)
                    .build()
                    .upload(truncated, target, "t", WriteOptions.DEFAULTS))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("the source ended after");
    assertThat(target.stat("t")).isEmpty();
    assertThat(target.listMultipartUploads("")).isEmpty();
  }

  @Test
  void refusesASourceWhoseBytesNoLongerMatchItsChecksum() throws IOException {
    source.put("rotten", Content.ofBytes(bytes(4_096)), WriteOptions.DEFAULTS);
    try (FileChannel file =
        FileChannel.open(temp.resolve("source/rotten"), StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap(new byte[] {42}), 100); // bit rot behind the store's back
    }

    assertThatThrownBy(
            () ->
                TransferEngine.create()
                    .copy(source, "rotten", target, "copy", WriteOptions.DEFAULTS))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("CRC-32C");
    assertThat(target.stat("copy")).as("a copy of corrupt bytes").isEmpty();
  }

  @Test
  void failsOnAMissingSourceNamingIt() {
    assertThatThrownBy(
            () -> TransferEngine.create().copy(source, "nope", target, "x", WriteOptions.DEFAULTS))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void copiesAnEmptyObject() throws IOException {
    source.put("empty", Content.ofBytes(new byte[0]), WriteOptions.DEFAULTS);
    TransferEngine.create().copy(source, "empty", target, "empty", WriteOptions.DEFAULTS);
    assertThat(read(target, "empty")).isEmpty();
  }

  private static byte[] read(ObjectStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
