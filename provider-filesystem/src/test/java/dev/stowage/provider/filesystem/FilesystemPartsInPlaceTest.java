package dev.stowage.provider.filesystem;

import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts written at their places in one data file: what the contract cannot see, that a completion
 * whose parts line up writes no byte twice, and that every other order still gives the right bytes.
 */
class FilesystemPartsInPlaceTest {
  private static final int PART = 4096;

  @TempDir Path root;
  private ObjectStore store;
  private byte[] bytes;

  @BeforeEach
  void open() {
    store =
        new FilesystemStorageProvider().open(StorageLocation.of(root), ProviderConfig.of(Map.of()));
    bytes = new byte[3 * PART + 1000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + i / PART);
    }
  }

  @Test
  void partsInOrderBecomeTheObjectByARenameOfTheDataFile() throws IOException {
    MultipartUpload upload = store.initiateMultipart("k", WriteOptions.DEFAULTS);
    List<CompletedPart> parts = uploadParts(upload, 1, 2, 3, 4);
    Path data = uploadDir(upload).resolve("data");
    Object dataFile = Files.readAttributes(data, BasicFileAttributes.class).fileKey();
    assertThat(partFiles(upload)).as("no part in a file of its own").isEmpty();

    store.completeMultipart(upload, parts);

    assertThat(read("k")).isEqualTo(bytes);
    Object objectFile =
        Files.readAttributes(root.resolve("k"), BasicFileAttributes.class).fileKey();
    assertThat(objectFile).as("the object is the data file, not a copy").isEqualTo(dataFile);
    assertThat(uploadDir(upload)).doesNotExist();
  }

  @Test
  void theLastPartFirstStillGivesTheObjectsBytes() throws IOException {
    MultipartUpload upload = store.initiateMultipart("k", WriteOptions.DEFAULTS);
    List<CompletedPart> parts = new ArrayList<>(uploadParts(upload, 4, 1, 2, 3));
    parts.sort((a, b) -> Integer.compare(a.partNumber(), b.partNumber()));

    store.completeMultipart(upload, parts);

    assertThat(read("k")).isEqualTo(bytes);
  }

  @Test
  void aReplacedPartIsTheOneTheCompletionNames() throws IOException {
    MultipartUpload upload = store.initiateMultipart("k", WriteOptions.DEFAULTS);
    List<CompletedPart> parts = new ArrayList<>(uploadParts(upload, 1, 2, 3, 4));
    byte[] other = slice(2).clone();
    Arrays.fill(other, (byte) 7);
    parts.set(1, store.uploadPart(upload, 2, Content.ofBytes(other)));
    assertThat(partFiles(upload)).as("the replacement in a file of its own").hasSize(1);

    store.completeMultipart(upload, parts);

    byte[] expected = bytes.clone();
    System.arraycopy(other, 0, expected, PART, PART);
    assertThat(read("k")).isEqualTo(expected);
  }

  @Test
  void aReplacementThatFailsItsChecksumLeavesThePartInItsPlace() throws IOException {
    MultipartUpload upload = store.initiateMultipart("k", WriteOptions.DEFAULTS);
    List<CompletedPart> parts = uploadParts(upload, 1, 2, 3, 4);

    assertThatThrownBy(
            () ->
                store.uploadPart(
                    upload,
                    2,
                    Content.ofBytes(new byte[PART]),
                    Map.of(ChecksumAlgorithm.CRC32C, "00000000")))
        .isInstanceOf(IntegrityException.class);
    store.completeMultipart(upload, parts);

    assertThat(read("k")).isEqualTo(bytes);
  }

  @Test
  void aCompletionWithFewerPartsThanUploadedHoldsOnlyThose() throws IOException {
    MultipartUpload upload = store.initiateMultipart("k", WriteOptions.DEFAULTS);
    List<CompletedPart> parts = uploadParts(upload, 1, 2, 3, 4);

    store.completeMultipart(upload, parts.subList(0, 2));

    assertThat(read("k")).isEqualTo(Arrays.copyOf(bytes, 2 * PART));
  }

  @Test
  void aCompletionThatFailsLeavesTheUploadWholeForAnotherTry() throws IOException {
    store.put("k", Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    MultipartUpload upload =
        store.initiateMultipart("k", WriteOptions.builder().createOnly(true).build());
    List<CompletedPart> parts = uploadParts(upload, 1, 2, 3, 4);

    assertThatThrownBy(() -> store.completeMultipart(upload, parts))
        .isInstanceOf(PreconditionFailedException.class);
    store.delete("k");
    store.completeMultipart(upload, parts);

    assertThat(read("k")).isEqualTo(bytes);
  }

  /**
   * After a restart the page cache is gone and parts in place were never flushed one by one: a part
   * whose bytes did not reach the disk is not listed and cannot complete. Simulated by giving the
   * upload another machine boot and damaging part 2's bytes in the data file.
   */
  @Test
  void afterARestartOnlyPartsThatReadBackCount() throws IOException {
    MultipartUpload upload = store.initiateMultipart("k", WriteOptions.DEFAULTS);
    List<CompletedPart> parts = uploadParts(upload, 1, 2, 3, 4);
    Path slotSize = uploadDir(upload).resolve("slot-size");
    Files.writeString(slotSize, PART + " another-boot");
    try (FileChannel data = FileChannel.open(uploadDir(upload).resolve("data"), WRITE)) {
      data.write(ByteBuffer.wrap(new byte[] {42}), PART + 10);
    }

    List<Integer> listed =
        store.listParts(upload, "").items().stream().map(CompletedPart::partNumber).toList();
    assertThat(listed).containsExactly(1, 3, 4);
    assertThatThrownBy(() -> store.completeMultipart(upload, parts))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("part 2");

    parts.set(1, store.uploadPart(upload, 2, Content.ofBytes(slice(2))));
    store.completeMultipart(upload, parts);
    assertThat(read("k")).isEqualTo(bytes);
  }

  private List<CompletedPart> uploadParts(MultipartUpload upload, int... numbers) {
    List<CompletedPart> parts = new ArrayList<>();
    for (int number : numbers) {
      parts.add(store.uploadPart(upload, number, Content.ofBytes(slice(number))));
    }
    return parts;
  }

  private byte[] slice(int number) {
    int from = (number - 1) * PART;
    return Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART));
  }

  private byte[] read(String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    }
  }

  private Path uploadDir(MultipartUpload upload) {
    return root.resolve(".stowage/uploads").resolve(upload.uploadId());
  }

  private List<Path> partFiles(MultipartUpload upload) throws IOException {
    try (Stream<Path> files = Files.list(uploadDir(upload))) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")).toList();
    }
  }
}
