package dev.stowage.oss.server;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the server with the official client in one JVM (not a test; prints figures):
 *
 * <pre>
 * ./mvnw -B -q -pl oss-server test-compile exec:java \
 *     -Dexec.mainClass=dev.stowage.oss.server.OssServerThroughput -Dexec.classpathScope=test
 * </pre>
 *
 * <p>4 KiB PutObject requests per second from 8 threads, V1 and V4, and MiB/s of one 256 MiB
 * multipart upload in 8 MiB parts from 8 threads; CRC-64 checking on, as the client defaults.
 */
public final class OssServerThroughput {
  private static final int THREADS = 8;

  private OssServerThroughput() {}

  public static void main(String[] args) throws Exception {
    try (OssServer server = OssServer.builder().build().start()) {
      server.createBucket("bench");
      for (SignVersion version : new SignVersion[] {SignVersion.V1, SignVersion.V4}) {
        OSS client = TestClients.client(server, version, server.accessKeySecret(), conf -> {});
        try {
          smallPuts(client, 2_000);
          double rate = smallPuts(client, 20_000);
          System.out.printf(
              "4 KiB PutObject, %s, %d threads: %.0f requests/s%n", version, THREADS, rate);
          multipart(client, 64L << 20);
          double mibs = multipart(client, 256L << 20);
          System.out.printf(
              "256 MiB multipart upload, %s, 8 MiB parts, %d threads: %.0f MiB/s%n",
              version, THREADS, mibs);
        } finally {
          client.shutdown();
        }
      }
    }
  }

  private static double smallPuts(OSS client, int count) throws Exception {
    byte[] content = new byte[4096];
    new Random(1).nextBytes(content);
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    client.putObject(
                        "bench", "small/" + (i % 1000), new ByteArrayInputStream(content));
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static double multipart(OSS client, long size) throws Exception {
    int partSize = 8 << 20;
    byte[] part = new byte[partSize];
    new Random(2).nextBytes(part);
    int parts = (int) (size / partSize);
    long start = System.nanoTime();
    String uploadId =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest("bench", "big"))
            .getUploadId();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<PartETag>> tags = new ArrayList<>();
      for (int n = 1; n <= parts; n++) {
        int number = n;
        tags.add(
            pool.submit(
                () ->
                    client
                        .uploadPart(
                            new UploadPartRequest(
                                "bench",
                                "big",
                                uploadId,
                                number,
                                new ByteArrayInputStream(part),
                                partSize))
                        .getPartETag()));
      }
      List<PartETag> done = new ArrayList<>();
      for (Future<PartETag> tag : tags) {
        done.add(tag.get());
      }
      client.completeMultipartUpload(
          new CompleteMultipartUploadRequest("bench", "big", uploadId, done));
    } finally {
      pool.shutdownNow();
    }
    return size / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9);
  }
}
