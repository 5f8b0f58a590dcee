package dev.stowage.bench;

import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The server of a bench run, in its own JVM so that its CPU and memory are its own and its JIT
 * state is the same for both peers: S3Proxy on an in-memory blob store over TLS, or {@code
 * oss-server} over plain HTTP.
 *
 * <p>S3 is served over TLS because that is how S3 is reached, and because over plain HTTP the AWS
 * SDK's synchronous client must sign every payload byte with SHA-256 while its asynchronous client
 * sends the payload unsigned: the peers would not pay for the same signing.
 *
 * <p>It prints {@code READY <endpoint>} and then answers commands on standard input, one per line:
 * {@code COUNTS} prints {@code COUNTS <json>} (requests by operation since start, the most HEADs in
 * flight since the last {@code COUNTS}, and the process's CPU seconds), {@code LATENCY <ms>} delays
 * every HEAD (S3 only). It exits when standard input closes.
 */
final class BenchServer {
  static final String BUCKET = "bench";
  static final String ACCESS_KEY = "AKIABENCH00000000001";
  static final String SECRET_KEY = "bench-secret-not-a-real-one";

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    Supplier<Map<String, Long>> counts;
    CountingBlobStore counting = null;
    AutoCloseable server;
    String endpoint;
    if (args.length == 3 && args[0].equals("s3")) {
      Properties properties = new Properties();
      BlobStore memory = BlobStores.create("transient", properties);
      counting = new CountingBlobStore(memory);
      BlobStore blobStore =
          (BlobStore)
              Proxy.newProxyInstance(
                  BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class}, counting);
      blobStore.createContainer(BUCKET);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(blobStore)
              .secureEndpoint(URI.create("https://127.0.0.1:0"))
              .keyStore(args[1], args[2])
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .ignoreUnknownHeaders(true)
              .build();
      proxy.start();
      server = proxy::stop;
      endpoint = "https://127.0.0.1:" + proxy.getSecurePort();
      counts = counting::snapshot;
    } else if (args.length == 1 && args[0].equals("oss")) {
      OssServer oss = OssServer.builder().credentials(ACCESS_KEY, SECRET_KEY).build().start();
      oss.createBucket(BUCKET);
      server = oss;
      endpoint = oss.endpoint().toString();
      counts =
          () -> {
            Map<String, Long> byOperation = new TreeMap<>();
            for (OssOperation operation : OssOperation.values()) {
              long count = oss.requests(operation);
              if (count > 0) {
                byOperation.put(operation.name(), count);
              }
            }
            return byOperation;
          };
    } else {
      System.err.println("usage: BenchServer s3 KEYSTORE PASSWORD | oss");
      System.exit(2);
      return;
    }
    System.out.println("READY " + endpoint);
    System.out.flush();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = commands.readLine()) != null; ) {
      if (line.equals("COUNTS")) {
        Map<String, Object> answer = new TreeMap<>(counts.get());
        answer.put("cpuSeconds", Probe.processCpuSeconds());
        if (counting != null) {
          answer.put("maxHeadsInFlight", counting.takeMaxHeadsInFlight());
        }
        System.out.println("COUNTS " + Json.write(answer));
      } else if (line.startsWith("LATENCY ") && counting != null) {
        counting.headLatencyMillis(Long.parseLong(line.substring("LATENCY ".length())));
        System.out.println("OK");
      } else {
        System.out.println("ERROR unknown command " + line);
      }
      System.out.flush();
    }
    server.close();
    System.exit(0);
  }
}
