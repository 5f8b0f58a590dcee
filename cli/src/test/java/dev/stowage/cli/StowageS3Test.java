package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command against a real S3 endpoint (S3Proxy in this JVM), as a user would type it. */
class StowageS3Test extends AbstractRemoteStoreCommandTest {
  private static final String ACCESS_KEY = "AKIACLITEST000000001";
  private static final String SECRET_KEY = "CLI-CANARY-SECRET-7f3a";

  private S3Proxy proxy;
  private List<String> options;

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

  @Override
  String scheme() {
    return "s3";
  }

  @Override
  List<String> options() {
    return options;
  }

  @Override
  String wrongSecretOption(String secret) {
    return "s3.secret-access-key=" + secret;
  }

  @Override
  int maxKeyBytes() {
    return 1_024;
  }

  @Override
  List<String> secrets() {
    return List.of(SECRET_KEY, ACCESS_KEY);
  }

  @Test
  void saysInOneLineThatTheEndpointIsWrong() throws IOException {
    List<String> elsewhere = new ArrayList<>(options);
    elsewhere.addAll(List.of("-o", "s3.endpoint=http://no-such-host.invalid:9000"));
    Result result = run(elsewhere, "cp", oneFile().toString(), uri("f.txt"));
    assertThat(result.code()).isEqualTo(2);
    assertOneCleanLine(result);
    assertThat(result.err()).contains("host is unknown");
  }
}
