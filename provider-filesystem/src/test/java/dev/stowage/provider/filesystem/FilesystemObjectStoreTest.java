package dev.stowage.provider.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capability;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.FileMetadata;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageFullException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.TransientStorageException;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contract cannot say about a file system: confinement, temp files, permissions, options.
 */
class FilesystemObjectStoreTest {
  @TempDir Path temp;

  private ObjectStore open(Path root, Map<String, String> options) {
    return new FilesystemStorageProvider()
        .open(StorageLocation.of(root), ProviderConfig.of(options));
  }

  /**
   * Deletes at once of the two files of each of 200 folders: the one that empties a folder prunes
   * it, which must not fail the other's fsync of that folder. {@code mv -r} met this race once; the
   * window is narrow, so this test does not meet it every run.
   */
  @Test
  void deletesAtOnceInFoldersThatEmptyAndVanish() throws Exception {
    Path root = temp.resolve("concurrent-deletes");
    try (ObjectStore store = open(root, Map.of())) {
      java.util.List<String> keys = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String key = "a" + (i % 200) + "/b/k" + i; // two files per folder, deleted at once
        store.put(key, dev.stowage.api.Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
        keys.add(key);
      }
      java.util.concurrent.ExecutorService threads =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        java.util.List<java.util.concurrent.Future<?>> deletes = new java.util.ArrayList<>();
        for (String key : keys) {
          deletes.add(threads.submit(() -> store.delete(key)));
        }
        for (java.util.concurrent.Future<?> delete : deletes) {
          delete.get(); // throws if a delete failed
        }
      } finally {
        threads.shutdown();
      }
      assertThat(store.list(dev.stowage.api.ListRequest.of("")).objects()).isEmpty();
    }
  }

  @Test
  void keepsMetadataInExtendedAttributesWhereTheFileSystemHasThem() throws IOException {
    assumeTrue(
        Files.getFileStore(temp).supportsFileAttributeView(UserDefinedFileAttributeView.class),
        "this file system has no user extended attributes");
    Path root = temp.resolve("root");
    try (FilesystemObjectStore store = (FilesystemObjectStore) open(root, Map.of())) {
      assertThat(store.usesXattr()).isTrue();
      store.put(
          "a",
          Content.ofBytes(new byte[] {1}),
          WriteOptions.builder().userMetadata("k", "v").build());
      assertThat(Files.exists(root.resolve(".stowage/meta"))).as("a sidecar directory").isFalse();
      assertThat(store.stat("a").orElseThrow().userMetadata()).containsEntry("k", "v");
    }
  }

  @Test
  void listsNothingWithADelimiterUnderARootThatDoesNotExistYet() {
    try (ObjectStore store = open(temp.resolve("not-yet"), Map.of())) {
      for (String prefix : List.of("", "ltx/", "ltx/0/")) {
        ListPage page = store.list(ListRequest.builder().prefix(prefix).delimiter("/").build());
        assertThat(page.objects()).isEmpty();
        assertThat(page.commonPrefixes()).isEmpty();
      }
    }
  }

  @Test
  void refusesToFollowADirectoryLinkOutOfTheRoot() throws IOException {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    try (ObjectStore store = open(root, Map.of())) {
      assertThatThrownBy(
              () -> store.put("escape/x", Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> store.stat("escape/x"))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(store.list(ListRequest.of("")).objects()).isEmpty();
    }
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).as("files written outside the root").isEmpty();
    }
  }

  @Test
  void refusesToReadAFileLinkAndNeverListsIt() throws IOException {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path secret = Files.writeString(temp.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(root.resolve("link"), secret);
    try (ObjectStore store = open(root, Map.of())) {
      assertThatThrownBy(() -> store.get("link", ByteRange.ALL))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> store.stat("link")).isInstanceOf(PermissionDeniedException.class);
      assertThat(store.list(ListRequest.of("")).objects()).isEmpty();
    }
  }

  @Test
  void refusesARootThatIsASymbolicLinkUnlessAllowed() throws IOException {
    Path target = Files.createDirectories(temp.resolve("target"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);
    assertThatThrownBy(() -> open(link, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("file.allow-symlink-root");
    try (ObjectStore store = open(link, Map.of("file.allow-symlink-root", "true"))) {
      store.put("x", Content.ofBytes(new byte[] {7}), WriteOptions.DEFAULTS);
    }
    assertThat(Files.readAllBytes(target.resolve("x"))).containsExactly(7);
  }

  @Test
  void reservesTheProvidersOwnNames() {
    try (ObjectStore store = open(temp, Map.of())) {
      assertThatThrownBy(
              () ->
                  store.put(".stowage/meta/x", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("reserved");
      assertThatThrownBy(() -> store.stat("a/.stowage-tmp-1"))
          .isInstanceOf(InvalidKeyException.class);
    }
  }

  @Test
  void refusesAFileNameLongerThan255Bytes() {
    try (ObjectStore store = open(temp, Map.of())) {
      assertThatThrownBy(
              () ->
                  store.put(
                      "d/" + "x".repeat(256), Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("256 bytes");
    }
  }

  @Test
  void leavesNoTemporaryFileWhenTheSourceFails() throws IOException {
    Content failing =
        new Content() {
          @Override
          public long length() {
            return 1_000_000;
          }

          @Override
          public InputStream open() {
            return new InputStream() {
              private int served;

              @Override
              public int read() throws IOException {
                if (served++ > 500_000) {
                  throw new IOException("source disk unplugged");
                }
                return 'x';
              }
            };
          }
        };
    try (ObjectStore store = open(temp, Map.of())) {
      store.put(
          "dir/kept",
          Content.ofBytes("old".getBytes(StandardCharsets.UTF_8)),
          WriteOptions.DEFAULTS);
      assertThatThrownBy(() -> store.put("dir/kept", failing, WriteOptions.DEFAULTS))
          .isInstanceOf(TransientStorageException.class)
          .hasMessageContaining("source disk unplugged");
      assertThat(Files.readString(temp.resolve("dir/kept"))).isEqualTo("old");
    }
    try (Stream<Path> files = Files.walk(temp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".stowage-tmp"));
    }
  }

  /**
   * Writes into /dev/full meet the kernel's ENOSPC: the failure is this store's full disk,
   * permanent and named, never a retryable failure to read the source (the retry storm issue 22
   * found).
   */
  @Test
  void aFullDiskIsAPermanentFailureOfTheStoreNeverOfTheSource() throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "this machine has no /dev/full to meet ENOSPC with");
    ErrorContext context =
        ErrorContext.of(StorageOperation.WRITE, StorageLocation.of(temp)).withKey("dump.bin");
    IOException noSpace;
    try (FileChannel channel = FileChannel.open(full, StandardOpenOption.WRITE)) {
      Content source = Content.ofBytes(new byte[256 * 1024]);
      noSpace =
          catchThrowableOfType(
              IOException.class, () -> FilesystemObjectStore.copy(source, channel, context));
    }
    assertThat(noSpace).as("the write's own IOException, not a source failure").isNotNull();
    StorageException mapped = FilesystemErrors.map(context, noSpace);
    assertThat(mapped).isInstanceOf(StorageFullException.class);
    assertThat(mapped.isRetryable()).isFalse();
    assertThat(mapped.getMessage())
        .startsWith("write failed for " + StorageLocation.of(temp))
        .contains("the disk is full at " + StorageLocation.of(temp))
        .doesNotContain("reading the source");
  }

  @Test
  void sweepsTheTemporaryFilesOfWritersThatAreGoneWhenAStoreOpens() throws Exception {
    Path tmp = temp.resolve(".stowage/tmp");
    Files.createDirectories(tmp);
    Process exited =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long exitedStart =
        exited.toHandle().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    assertThat(exited.waitFor(30, TimeUnit.SECONDS)).as("java -version ended").isTrue();
    Path ofExited = Files.createFile(tmp.resolve(TemporaryFiles.name(exited.pid(), exitedStart)));
    Path ofThisProcess = Files.createFile(new TemporaryFiles(tmp).next());
    Path ofALaterProcessWithTheSameId =
        Files.createFile(
            tmp.resolve(TemporaryFiles.name(ProcessHandle.current().pid(), exitedStart - 1)));
    Path otherHostStale = Files.createFile(tmp.resolve(".stowage-tmp-otherhost-1-2-x"));
    Files.setLastModifiedTime(
        otherHostStale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    Path otherHostFresh = Files.createFile(tmp.resolve(".stowage-tmp-otherhost-3-4-y"));

    try (ObjectStore store = open(temp, Map.of())) {
      store.put("a", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
    }

    assertThat(ofExited).as("the file of a process that exited").doesNotExist();
    assertThat(ofALaterProcessWithTheSameId).as("an earlier process with this id").doesNotExist();
    assertThat(otherHostStale).as("another host's file unchanged for two days").doesNotExist();
    assertThat(ofThisProcess).as("the file of a running writer").exists();
    assertThat(otherHostFresh).as("another host's recent file").exists();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("files in the temporary directory after the write").hasSize(2);
    }
  }

  @Test
  void createsPrivateFilesAndDirectories() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system");
    try (ObjectStore store = open(temp.resolve("root"), Map.of())) {
      store.put("d/e/f", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("root/d/e/f"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("root/d/e"))))
        .isEqualTo("rwx------");
  }

  @Test
  void aPlainFolderGetsFilesAsCpWritesThemAndNothingOfItsOwn() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system");
    Path root = Files.createDirectories(temp.resolve("folder"));
    // what the umask of this process leaves on a new file and folder
    String fileDefault =
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(Files.createFile(temp.resolve("probe"))));
    String folderDefault =
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(Files.createDirectory(temp.resolve("probe-dir"))));
    Instant recorded = Instant.parse("2020-01-02T03:04:05Z");
    try (ObjectStore store = open(root, Map.of("file.plain", "true", "file.metadata", "sidecar"))) {
      store.put("d/plain", Content.ofBytes(new byte[3]), WriteOptions.DEFAULTS);
      store.put(
          "d/restored",
          Content.ofBytes(new byte[3]),
          WriteOptions.builder()
              .userMetadata(Map.of(FileMetadata.MTIME, "1577934245", FileMetadata.MODE, "700"))
              .build());
      assertThat(store.capabilities().supports(Capability.MULTIPART)).isFalse();
      assertThat(store.capabilities().supports(Capability.USER_METADATA))
          .as("no sidecar files in a plain folder, so no metadata kept")
          .isFalse();
      assertThatThrownBy(() -> store.initiateMultipart("big", WriteOptions.DEFAULTS))
          .isInstanceOf(UnsupportedCapabilityException.class);
      // a write in flight, or one a kill cut: beside its target, never listed
      Files.write(root.resolve("d/.plain.stowage-" + UUID.randomUUID() + ".part"), new byte[1]);
      assertThat(store.list(ListRequest.of("")).objects())
          .extracting(ObjectInfo::key)
          .containsExactly("d/plain", "d/restored");
    }
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.map(p -> root.relativize(p).toString()))
          .as("nothing but the files and their folder, and the cut write")
          .allMatch(name -> name.isEmpty() || name.equals("d") || name.startsWith("d/"))
          .noneMatch(name -> name.contains(".stowage/") || name.equals(".stowage"));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("d"))))
        .isEqualTo(folderDefault);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("d/plain"))))
        .isEqualTo(fileDefault);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("d/restored"))))
        .as("the recorded 700, the owner's execute following the owner's read")
        .isEqualTo("rwx------");
    assertThat(Files.getLastModifiedTime(root.resolve("d/restored")).toInstant())
        .isEqualTo(recorded);
  }

  @Test
  void explainsThatAnObjectAndKeysUnderItCannotCoexist() {
    try (ObjectStore store = open(temp, Map.of())) {
      store.put("a", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
      assertThatThrownBy(
              () -> store.put("a/b", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("cannot hold an object and keys under it");
      store.put("c/d", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
      assertThatThrownBy(() -> store.put("c", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("directory holds keys");
    }
  }

  @Test
  void removesEmptyDirectoriesWhenTheirLastObjectIsDeleted() {
    try (ObjectStore store = open(temp, Map.of())) {
      store.put("x/y/z", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
      store.delete("x/y/z");
      assertThat(Files.exists(temp.resolve("x"))).isFalse();
      assertThat(store.list(ListRequest.builder().delimiter("/").build()).commonPrefixes())
          .isEmpty();
    }
  }

  @Test
  void rejectsAnUnknownOptionNamingTheKnownOnes() {
    assertThatThrownBy(() -> open(temp, Map.of("file.fsnyc", "false")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("file.fsnyc")
        .hasMessageContaining("file.fsync");
    assertThatThrownBy(() -> open(temp, Map.of("file.metadata", "maybe")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("auto, sidecar or xattr");
  }

  @Test
  void describesFilesItDidNotWrite() throws IOException {
    Files.writeString(temp.resolve("foreign.txt"), "hello");
    try (ObjectStore store = open(temp, Map.of())) {
      ObjectInfo info = store.stat("foreign.txt").orElseThrow();
      assertThat(info.size()).isEqualTo(5);
      assertThat(info.checksums()).isEmpty();
      assertThat(info.etag()).isPresent();
      assertThat(store.list(ListRequest.of("")).objects())
          .extracting(ObjectInfo::key)
          .containsExactly("foreign.txt");
    }
  }

  @Test
  void ignoresAStaleSidecar() throws IOException {
    try (ObjectStore store = open(temp, Map.of("file.metadata", "sidecar"))) {
      store.put(
          "k",
          Content.ofBytes(new byte[] {1}),
          WriteOptions.builder().userMetadata("v", "1").build());
      Files.writeString(temp.resolve("k"), "replaced behind the store's back");
      assertThat(store.stat("k").orElseThrow().userMetadata()).isEmpty();
    }
    assertThat(List.of(temp.resolve(".stowage/meta/k/.stowage-attrs"))).allMatch(Files::exists);
  }
}
