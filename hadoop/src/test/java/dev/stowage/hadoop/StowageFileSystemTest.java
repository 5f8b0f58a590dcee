package dev.stowage.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.OssServerOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSource;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the adapter adds to Hadoop's contract: how it is configured, and what it promises. */
class StowageFileSystemTest {
  @TempDir Path temp;

  @Test
  void aProvidersOwnSchemeMappedToTheAdapterNamesTheSameObjects() throws IOException {
    Configuration conf = ContractStore.OSS.configure(new Configuration(false));
    conf.set("fs.oss.impl", StowageFileSystem.class.getName());
    byte[] bytes = "same object".getBytes(StandardCharsets.UTF_8);
    try (FileSystem prefixed = FileSystem.newInstance(URI.create("stowage+oss://contract/"), conf);
        FileSystem plain = FileSystem.newInstance(URI.create("oss://contract/"), conf)) {
      org.apache.hadoop.fs.Path written = new org.apache.hadoop.fs.Path("/schemes/one.txt");
      try (FSDataOutputStream out = prefixed.create(written)) {
        out.write(bytes);
      }
      assertThat(plain.getScheme()).isEqualTo("oss");
      assertThat(read(plain, written)).isEqualTo(bytes);
      assertThat(plain.getFileStatus(written).getPath().toString())
          .isEqualTo("oss://contract/schemes/one.txt");
    }
  }

  @Test
  void readsAheadInConfiguredRangesAndMergesNearbyVectoredRanges() throws Exception {
    byte[] bytes = new byte[1024 * 1024];
    new Random(3).nextBytes(bytes);
    Configuration conf = ContractStore.OSS.configure(new Configuration(false));
    conf.set("fs.stowage.readahead", "256K");
    conf.set("fs.stowage.vectored.read.min-seek", "128K");
    OssServer server = ContractStore.ossServer();
    try (FileSystem fs = FileSystem.newInstance(ContractStore.OSS.uri(), conf)) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("/reads/one.bin");
      try (FSDataOutputStream out = fs.create(path)) {
        out.write(bytes);
      }
      long gets = server.requests(OssOperation.GET_OBJECT);
      assertThat(read(fs, path)).isEqualTo(bytes);
      assertThat(server.requests(OssOperation.GET_OBJECT) - gets)
          .as("GETs of a whole read in ranges of 256 KiB")
          .isEqualTo(4);

      List<FileRange> ranges =
          List.of(
              FileRange.createFileRange(900_000, 100),
              FileRange.createFileRange(0, 100),
              FileRange.createFileRange(1_000, 5_000),
              FileRange.createFileRange(500_000, 1));
      gets = server.requests(OssOperation.GET_OBJECT);
      try (FSDataInputStream in = fs.open(path)) {
        assertThat(in.hasCapability(StreamCapabilities.VECTOREDIO)).isTrue();
        in.readVectored(ranges, ByteBuffer::allocate);
        for (FileRange range : ranges) {
          ByteBuffer buffer = range.getData().get(1, TimeUnit.MINUTES);
          byte[] got = new byte[buffer.remaining()];
          buffer.get(got);
          int from = (int) range.getOffset();
          assertThat(got)
              .as("range at " + from)
              .isEqualTo(Arrays.copyOfRange(bytes, from, from + range.getLength()));
        }
      }
      assertThat(server.requests(OssOperation.GET_OBJECT) - gets)
          .as("GETs of four ranges, two of them 900 bytes apart")
          .isEqualTo(3);

      gets = server.requests(OssOperation.GET_OBJECT);
      try (FSDataInputStream in = fs.open(path)) {
        in.setReadahead(0L);
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      assertThat(server.requests(OssOperation.GET_OBJECT) - gets)
          .as("GETs of a whole read with the read-ahead set to the end")
          .isEqualTo(1);
    }
  }

  @Test
  void asksAboutEachDirectoryOnceAndForgetsOneItMakesAFile() throws IOException {
    OssServer server = ContractStore.ossServer();
    try (FileSystem fs =
        FileSystem.newInstance(
            ContractStore.OSS.uri(), ContractStore.OSS.configure(new Configuration(false)))) {
      write(fs, "/ancestors/a/b/one");
      long heads = server.requests(OssOperation.HEAD_OBJECT);
      write(fs, "/ancestors/a/b/two");
      assertThat(server.requests(OssOperation.HEAD_OBJECT) - heads)
          .as("HEADs of a second file in the same directory, overwriting: none")
          .isZero();

      fs.delete(new org.apache.hadoop.fs.Path("/ancestors/a"), true);
      write(fs, "/ancestors/a");
      assertThatThrownBy(() -> write(fs, "/ancestors/a/b/three"))
          .isInstanceOf(ParentNotDirectoryException.class)
          .hasMessageContaining("/ancestors/a is a file");
    }
  }

  private static void write(FileSystem fs, String path) throws IOException {
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
      out.write(1);
    }
  }

  @Test
  void closingTheFilesystemEndsEveryVectoredReadItHolds() throws Exception {
    try (OssServer server = OssServer.builder().build().start()) {
      server.createBucket("contract");
      Configuration conf = new Configuration(false);
      conf.set("fs.stowage+oss.impl", StowageFileSystem.class.getName());
      for (Map.Entry<String, String> option : OssServerOptions.of(server).entrySet()) {
        conf.set("fs.stowage." + option.getKey(), option.getValue());
      }
      conf.setInt("fs.stowage.concurrency", 1);
      FileSystem fs = FileSystem.newInstance(ContractStore.OSS.uri(), conf);
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("/closing/one.bin");
      try (FSDataOutputStream out = fs.create(path)) {
        out.write(new byte[3 * 1024 * 1024]);
      }
      // the first read holds the one thread; the other two wait for it
      server.faults().inject(Fault.stall(Duration.ofSeconds(30)).on(OssOperation.GET_OBJECT));
      List<FileRange> ranges =
          List.of(
              FileRange.createFileRange(0, 10),
              FileRange.createFileRange(1024 * 1024, 10),
              FileRange.createFileRange(2 * 1024 * 1024, 10));
      FSDataInputStream in = fs.open(path);
      in.readVectored(ranges, ByteBuffer::allocate);

      fs.close();

      for (FileRange range : ranges) {
        assertThatThrownBy(() -> range.getData().get(2, TimeUnit.MINUTES))
            .as("the range at " + range.getOffset() + " after the filesystem closed")
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void aNegativeReadAheadIsNamedWithItsKey() {
    Configuration conf = ContractStore.OSS.configure(new Configuration(false));
    conf.set("fs.stowage.readahead", "-1");
    assertThatThrownBy(() -> FileSystem.newInstance(ContractStore.OSS.uri(), conf))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fs.stowage.readahead");
  }

  @Test
  void theFilesystemStoreWithoutARootNamesTheKeyToSet() {
    Configuration conf = new Configuration(false);
    conf.set("fs.stowage+file.impl", StowageFileSystem.class.getName());
    assertThatThrownBy(() -> FileSystem.newInstance(URI.create("stowage+file:///"), conf))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fs.stowage.file.root");
  }

  @Test
  void anUnknownSchemeListsTheKnownOnes() {
    Configuration conf = new Configuration(false);
    conf.set("fs.stowage+nope.impl", StowageFileSystem.class.getName());
    assertThatThrownBy(() -> FileSystem.newInstance(URI.create("stowage+nope://bucket/"), conf))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining("oss")
        .hasMessageContaining("s3");
  }

  @Test
  void anInvalidOptionIsNamedWithItsHadoopKey() {
    Configuration conf = ContractStore.S3.configure(new Configuration(false));
    conf.set("fs.stowage.s3.max-connections", "many");
    assertThatThrownBy(() -> FileSystem.newInstance(ContractStore.S3.uri(), conf))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("s3.max-connections")
        .hasMessageContaining("fs.stowage.s3.");
  }

  @Test
  void aSecretComesFromHadoopsCredentialProviders() throws Exception {
    Configuration conf = ContractStore.S3.configure(new Configuration(false));
    String secret = conf.get("fs.stowage.s3.secret-access-key");
    conf.unset("fs.stowage.s3.secret-access-key");
    String keystore = "jceks://file" + temp.resolve("secrets.jceks");
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, keystore);
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry("fs.stowage.s3.secret-access-key", secret.toCharArray());
    provider.flush();

    try (FileSystem fs = FileSystem.newInstance(ContractStore.S3.uri(), conf)) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("/secrets/probe.txt");
      try (FSDataOutputStream out = fs.create(path)) {
        out.write(1);
      }
      assertThat(fs.getFileStatus(path).getLen()).isEqualTo(1);
    }
    assertThat(conf.get("fs.stowage.s3.secret-access-key")).isNull();
  }

  @Test
  void checksumsAreTheStoresOfOneAlgorithmAndEqualForTheSameBytesOnly() throws IOException {
    byte[] bytes = new byte[100_000];
    new Random(7).nextBytes(bytes);
    byte[] other = bytes.clone();
    other[50_000] ^= 1;
    Configuration crc64 = ContractStore.OSS.configure(new Configuration(false));
    crc64.set("fs.stowage.checksum", "crc64ecma");
    try (FileSystem oss = FileSystem.newInstance(ContractStore.OSS.uri(), crc64);
        FileSystem file =
            FileSystem.newInstance(
                ContractStore.FILE.uri(), ContractStore.FILE.configure(new Configuration(false)));
        FileSystem ossByDefault =
            FileSystem.newInstance(
                ContractStore.OSS.uri(), ContractStore.OSS.configure(new Configuration(false)))) {
      FileChecksum first = checksumOf(oss, "/sums/a", bytes);
      FileChecksum same = checksumOf(oss, "/sums/b", bytes);
      FileChecksum changed = checksumOf(oss, "/sums/c", other);
      FileChecksum local = checksumOf(file, "/sums/a", bytes);

      assertThat(first.getAlgorithmName()).isEqualTo("STOWAGE-CRC64ECMA");
      assertThat(same).isEqualTo(first);
      assertThat(changed).isNotEqualTo(first);
      assertThat(local.getAlgorithmName()).isEqualTo("COMPOSITE-CRC32C");
      assertThat(ossByDefault.getFileChecksum(new org.apache.hadoop.fs.Path("/sums/a")))
          .as("OSS records no CRC-32C, the default algorithm")
          .isNull();
    }
  }

  @Test
  void anUnknownChecksumAlgorithmIsNamedWithTheChoices() {
    Configuration conf = ContractStore.OSS.configure(new Configuration(false));
    conf.set("fs.stowage.checksum", "crc99");
    assertThatThrownBy(() -> FileSystem.newInstance(ContractStore.OSS.uri(), conf))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fs.stowage.checksum is 'crc99'")
        .hasMessageContaining("crc32c")
        .hasMessageContaining("none");
  }

  @Test
  void anAbortedWriteLeavesNoObjectAndNoUpload() throws IOException {
    Configuration conf = ContractStore.OSS.configure(new Configuration(false));
    conf.set("fs.stowage.part-size", "5m");
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("/aborted/big.bin");
    byte[] chunk = new byte[1 << 20];
    try (FileSystem fs = FileSystem.newInstance(ContractStore.OSS.uri(), conf);
        ObjectStore store =
            Providers.load()
                .open(StorageLocation.parse("oss://" + ContractStore.BUCKET), options())) {
      FSDataOutputStream out = fs.create(path);
      for (int i = 0; i < 12; i++) {
        out.write(chunk);
      }
      assertThat(out.hasCapability("fs.capability.outputstream.abortable")).isTrue();
      out.abort();

      assertThat(fs.exists(path)).isFalse();
      assertThat(store.listMultipartUploads("aborted/")).isEmpty();
    }
  }

  @Test
  void ioStatisticsCountTheOperationsAndTheEnginesRequests() throws IOException {
    Configuration conf = ContractStore.OSS.configure(new Configuration(false));
    try (FileSystem fs = FileSystem.newInstance(ContractStore.OSS.uri(), conf)) {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/statistics/one");
      try (FSDataOutputStream out = fs.create(file)) {
        out.write(new byte[1_000]);
      }
      read(fs, file);
      fs.rename(file, new org.apache.hadoop.fs.Path("/statistics/two"));

      IOStatistics statistics = ((IOStatisticsSource) fs).getIOStatistics();
      assertThat(statistics.counters())
          .containsEntry("op_create", 1L)
          .containsEntry("op_open", 1L)
          .containsEntry("op_rename", 1L);
      assertThat(statistics.counters().get("store_io_request"))
          .as("requests the engine sent: the write, the read, the copy and their checks")
          .isGreaterThanOrEqualTo(3L);
      assertThat(statistics.maximums()).containsKey("stowage_buffered_bytes");
    }
  }

  private static Map<String, String> options() {
    return ContractStore.OSS.options();
  }

  private static FileChecksum checksumOf(FileSystem fs, String name, byte[] bytes)
      throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(name);
    try (FSDataOutputStream out = fs.create(path)) {
      out.write(bytes);
    }
    return fs.getFileChecksum(path);
  }

  private static byte[] read(FileSystem fs, org.apache.hadoop.fs.Path path) throws IOException {
    try (FSDataInputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
