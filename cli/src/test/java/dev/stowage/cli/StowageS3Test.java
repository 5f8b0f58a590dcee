package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command against a real S3 endpoint (S3Proxy in this JVM), as a user would type it. */
class StowageS3Test extends AbstractRemoteStoreCommandTest {
  private static final String ACCESS_KEY = "AKIACLITEST000000001";
  private static final String SECRET_KEY = "CLI-CANARY-SECRET-7f3a";

  private S3ProxyServer server;
  private List<String> options;

  @BeforeAll
  void startServer() {
    server = new S3ProxyServer(ACCESS_KEY, SECRET_KEY);
    List<String> arguments = new ArrayList<>();
    server.options().forEach((key, value) -> arguments.addAll(List.of("-o", key + "=" + value)));
    options = List.copyOf(arguments);
    server.createBucket("cli-bucket");
  }

  @AfterAll
  void stopServer() {
    server.close();
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

  /** S3Proxy refuses keys that start with '/', which S3 itself holds. */
  @Override
  List<String> probeWithdrawals() {
    return List.of("withdraw LEADING_SLASH_KEYS");
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
