package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The command against a real S3 endpoint (S3Proxy in this JVM), as a user would type it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowageS3Test {
  private static final String ACCESS_KEY = "AKIACLITEST000000001";
  private static final String SECRET_KEY = "CLI-CANARY-SECRET-7f3a";

  @TempDir Path temp;
  private S3Proxy proxy;
  private List<String> options;

  private record Result(int code, String out, String err) {}

  @BeforeAll
  void startServer() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .stopTimeout(1_000)
            .build();
    proxy.start();
    assertThat(proxy.getState()).isEqualTo("STARTED");
    options =
        List.of(
            "-o",
            "s3.endpoint=http://127.0.0.1:" + proxy.getPort(),
            "-o",
            "s3.allow-insecure-http=true",
            "-o",
            "s3.path-style=true",
            "-o",
            "s3.region=us-east-1",
            "-o",
            "s3.access-key-id=" + ACCESS_KEY,
            "-o",
            "s3.secret-access-key=" + SECRET_KEY);
    // The provider makes no buckets, so the test does, through the SDK.
    try (var admin =
        software.amazon.awssdk.services.s3.S3Client.builder()
            .httpClientBuilder(software.amazon.awssdk.http.apache5.Apache5HttpClient.builder())
            .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        ACCESS_KEY, SECRET_KEY)))
            .build()) {
      admin.createBucket(b -> b.bucket("cli-bucket"));
    }
  }

  @AfterAll
  void stopServer() throws Exception {
    proxy.stop();
  }

  private Result run(String... args) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            getClass().getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void copiesATreeToS3AndBack() throws IOException {
    Path source = Files.createDirectories(temp.resolve("src/sub"));
    byte[] big = new byte[6 * 1024 * 1024 + 3];
    new Random(5).nextBytes(big);
    Files.write(temp.resolve("src/big.bin"), big);
    Files.writeString(source.resolve("note.txt"), "hi");

    Result up = run("cp", "-r", temp.resolve("src").toString(), "s3://cli-bucket/backup/");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(run("ls", "-r", "s3://cli-bucket/backup/").out().lines())
        .containsExactly("big.bin", "sub/note.txt");
    assertThat(run("stat", "s3://cli-bucket/backup/big.bin").out())
        .contains("size:     " + big.length);
    Result down = run("cp", "-r", "s3://cli-bucket/backup/", temp.resolve("back").toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(temp.resolve("back/big.bin"))).isEqualTo(big);
    assertThat(Files.readString(temp.resolve("back/sub/note.txt"))).isEqualTo("hi");
    assertThat(run("rm", "-r", "s3://cli-bucket/backup/").code()).isZero();
    assertThat(run("ls", "-r", "s3://cli-bucket/backup/").out()).isEmpty();
  }

  @Test
  void saysInOneLineThatABucketIsMissing() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result = run("cp", temp.resolve("f.txt").toString(), "s3://no-such-bucket/f.txt");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("the bucket 'no-such-bucket' does not exist");
    assertNoSecretOrTrace(result);
  }

  @Test
  void saysInOneLineThatCredentialsWereRefused() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result =
        run(
            "-o",
            "s3.secret-access-key=WRONG-CANARY",
            "cp",
            temp.resolve("f.txt").toString(),
            "s3://cli-bucket/f.txt");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("credentials were refused").doesNotContain("WRONG-CANARY");
    assertNoSecretOrTrace(result);
  }

  @Test
  void saysInOneLineThatAKeyIsTooLong() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result =
        run("cp", temp.resolve("f.txt").toString(), "s3://cli-bucket/" + "k".repeat(1_025));
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("1025 bytes");
    assertNoSecretOrTrace(result);
  }

  @Test
  void saysInOneLineThatTheEndpointIsWrong() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result =
        run(
            "-o",
            "s3.endpoint=http://no-such-host.invalid:9000",
            "cp",
            temp.resolve("f.txt").toString(),
            "s3://cli-bucket/f.txt");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("host is unknown");
    assertNoSecretOrTrace(result);
  }

  private static void assertNoSecretOrTrace(Result result) {
    assertThat(result.err())
        .doesNotContain(SECRET_KEY)
        .doesNotContain(ACCESS_KEY)
        .doesNotContain("\tat ");
  }
}
