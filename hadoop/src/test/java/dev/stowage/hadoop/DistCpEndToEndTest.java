package dev.stowage.hadoop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.tools.DistCpOptions;
import org.apache.hadoop.tools.mapred.CopyMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DistCp, in this JVM through the local job runner, copying a 2,000-file tree from local disk to
 * oss-server, from there to S3Proxy and back to disk through {@link StowageFileSystem}; then {@code
 * -update} runs that must copy nothing, or exactly what changed.
 */
class DistCpEndToEndTest {
  private static final int FILES = 2_000;
  private static final int FOLDERS = 20;

  @TempDir Path temp;
  private Path source;
  private Configuration conf;

  @BeforeEach
  void writeTheTree() throws IOException {
    source = temp.resolve("source");
    Random random = new Random(27);
    Instant yesterday = Instant.now().minusSeconds(86_400);
    for (int i = 0; i < FILES; i++) {
      Path file = source.resolve("folder-" + (i % FOLDERS)).resolve("file-" + i + ".bin");
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[512 + random.nextInt(4_096)];
      random.nextBytes(bytes);
      Files.write(file, bytes);
      Files.setLastModifiedTime(file, FileTime.from(yesterday));
    }
    conf = ContractStore.S3.configure(ContractStore.OSS.configure(new Configuration()));
    // the stores' CRC-64 where they have one, so an OSS-to-OSS update compares checksums
    conf.set("fs.stowage.checksum", "crc64ecma");
    conf.set("mapreduce.framework.name", "local");
    conf.setInt("mapreduce.local.map.tasks.maximum", 4);
    conf.set("hadoop.tmp.dir", temp.resolve("hadoop").toString());
    // DistCp's throttle sleeps per file from its millisecond rate arithmetic (../shared/HADOOP.md)
    conf.set("distcp.map.bandwidth.mb", "1e13");
  }

  /**
   * The tree's trip, then updates: from disk, where times decide (the sources are a day old); and
   * between two folders of one store, where the stores' CRC-64 values decide.
   */
  @Test
  void copiesThroughTwoStoresAndBackThenUpdatesOnlyWhatChanged() throws Exception {
    String local = source.toUri().toString();
    String oss = "stowage+oss://contract/distcp/tree";
    String s3 = "stowage+s3://contract/distcp/tree";
    Path back = temp.resolve("back");

    long start = System.nanoTime();
    assertCopied(distCp(local, oss), FILES);
    long toOss = System.nanoTime();
    assertCopied(distCp(oss, s3), FILES);
    long toS3 = System.nanoTime();
    assertCopied(distCp(s3, back.toUri().toString()), FILES);
    long toLocal = System.nanoTime();
    System.out.printf(
        "DistCp of %,d files: to oss %d ms, oss to s3 %d ms, s3 to local %d ms%n",
        FILES,
        (toOss - start) / 1_000_000,
        (toS3 - toOss) / 1_000_000,
        (toLocal - toS3) / 1_000_000);
    assertSameTree(source, back);

    Job unchanged = distCp(local, oss);
    assertCopied(unchanged, 0);
    assertThat(counter(unchanged, CopyMapper.Counter.SKIP)).isEqualTo(FILES);

    String folder = oss + "/folder-3";
    String sameStore = "stowage+oss://contract/distcp/copy";
    assertCopied(distCp(folder, sameStore), FILES / FOLDERS);
    Job byChecksum = distCp(folder, sameStore);
    assertCopied(byChecksum, 0);

    Path changed = source.resolve("folder-3/file-3.bin");
    Files.write(changed, new byte[] {1, 2, 3});
    assertCopied(distCp(local, oss), 1);
    assertCopied(distCp(folder, sameStore), 1);
  }

  private Job distCp(String from, String to) throws Exception {
    DistCpOptions options =
        new DistCpOptions.Builder(
                List.of(new org.apache.hadoop.fs.Path(URI.create(from))),
                new org.apache.hadoop.fs.Path(URI.create(to)))
            .withSyncFolder(true)
            .withDirectWrite(true)
            .maxMaps(4)
            .build();
    Job job = new DistCp(new Configuration(conf), options).execute();
    assertThat(job.isSuccessful()).as("DistCp %s -> %s", from, to).isTrue();
    return job;
  }

  private static void assertCopied(Job job, long files) throws IOException {
    assertThat(counter(job, CopyMapper.Counter.COPY)).as("files copied").isEqualTo(files);
  }

  private static long counter(Job job, CopyMapper.Counter counter) throws IOException {
    return job.getCounters().findCounter(counter).getValue();
  }

  private static void assertSameTree(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(expected)) {
      files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
    }
    try (Stream<Path> walk = Files.walk(actual)) {
      assertThat(
              walk.filter(Files::isRegularFile)
                  .filter(file -> !file.getFileName().toString().endsWith(".crc"))
                  .map(actual::relativize)
                  .sorted()
                  .toList())
          .as("the files, leaving out the .crc files of Hadoop's local filesystem")
          .isEqualTo(files);
    }
    for (Path file : files) {
      assertThat(Files.readAllBytes(actual.resolve(file)))
          .as("%s", file)
          .isEqualTo(Files.readAllBytes(expected.resolve(file)));
    }
  }
}
