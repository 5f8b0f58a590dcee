package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.GetObjectRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The fault hooks, as the official client sees them, and their counters. */
@ExtendWith(OssServerExtension.class)
class OssServerFaultsTest {
  private static final String BUCKET = "faulty";
  private static final byte[] CONTENT = new byte[4096];

  static {
    new Random(1).nextBytes(CONTENT);
  }

  private OssServer server;
  private OSS client;

  @BeforeEach
  void connect(OssServer injected) {
    server = injected;
    server.createBucket(BUCKET);
    server.faults().clear();
    client = TestClients.v4(server);
  }

  @AfterEach
  void disconnect() {
    client.shutdown();
    assertThat(server.faults().pending()).as("every armed fault fired").isZero();
  }

  private void put(OSS oss, String key) {
    oss.putObject(BUCKET, key, new ByteArrayInputStream(CONTENT));
  }

  @Test
  void answersInjectedErrorsThatTheClientRetries() {
    server
        .faults()
        .inject(Fault.error(503, "ServiceUnavailable").on(OssOperation.PUT_OBJECT).times(2));
    OSS retrying =
        TestClients.client(
            server, SignVersion.V4, server.accessKeySecret(), conf -> conf.setMaxErrorRetry(3));
    try {
      put(retrying, "retried");
    } finally {
      retrying.shutdown();
    }
    assertThat(server.faults().fired(OssOperation.PUT_OBJECT)).isEqualTo(2);
    assertThat(client.doesObjectExist(BUCKET, "retried")).isTrue();

    server.faults().inject(Fault.error(429, "Throttling").on(OssOperation.GET_OBJECT));
    assertThatThrownBy(() -> client.getObject(BUCKET, "retried"))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("Throttling"));
    assertThat(server.faults().fired(Fault.Kind.ERROR)).isEqualTo(3);
  }

  @Test
  void cutsAndCorruptsResponseBodies(@TempDir Path temp) throws IOException {
    put(client, "body");
    server.faults().inject(Fault.truncateResponseBody(100).on(OssOperation.GET_OBJECT));
    assertThatThrownBy(
            () -> {
              try (InputStream in = client.getObject(BUCKET, "body").getObjectContent()) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);

    server.faults().inject(Fault.corruptResponseBody(7).on(OssOperation.GET_OBJECT));
    assertThatThrownBy(
            () ->
                client.getObject(new GetObjectRequest(BUCKET, "body"), temp.resolve("f").toFile()))
        .isInstanceOf(InconsistentException.class);
    assertThat(server.faults().fired(OssOperation.GET_OBJECT)).isEqualTo(2);
    try (InputStream in = client.getObject(BUCKET, "body").getObjectContent()) {
      assertThat(in.readAllBytes()).as("the stored object is intact").isEqualTo(CONTENT);
    }
  }

  @Test
  void resetsConnectionsBeforeOrAfterRunningTheRequest() {
    server.faults().inject(Fault.resetBeforeResponse().on(OssOperation.PUT_OBJECT));
    assertThatThrownBy(() -> put(client, "never")).isInstanceOf(ClientException.class);
    assertThat(client.doesObjectExist(BUCKET, "never")).isFalse();

    server.faults().inject(Fault.resetAfterExecution().on(OssOperation.PUT_OBJECT));
    assertThatThrownBy(() -> put(client, "unacknowledged")).isInstanceOf(ClientException.class);
    assertThat(client.doesObjectExist(BUCKET, "unacknowledged")).isTrue();
    assertThat(server.faults().fired(Fault.Kind.RESET_BEFORE)).isEqualTo(1);
    assertThat(server.faults().fired(Fault.Kind.RESET_AFTER)).isEqualTo(1);
  }

  @Test
  void stallsPastTheClientsTimeout() {
    OSS impatient =
        TestClients.client(
            server, SignVersion.V4, server.accessKeySecret(), conf -> conf.setSocketTimeout(200));
    try {
      server.faults().inject(Fault.stall(Duration.ofSeconds(2)).on(OssOperation.HEAD_OBJECT));
      assertThatThrownBy(() -> impatient.getObjectMetadata(BUCKET, "whatever"))
          .isInstanceOf(ClientException.class);
    } finally {
      impatient.shutdown();
    }
    assertThat(server.faults().fired(Fault.Kind.STALL)).isEqualTo(1);
  }

  @Test
  void firesOnlyOnMatchingKeys() {
    server.faults().inject(Fault.error(500, "InternalError").forKeysStartingWith("mine/"));
    put(client, "theirs/a");
    assertThat(server.faults().firedTotal()).isZero();
    assertThatThrownBy(() -> put(client, "mine/a"))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InternalError"));
    assertThat(server.faults().firedTotal()).isEqualTo(1);
    assertThat(Fault.error(500, "InternalError").forKeysStartingWith("mine/").toString())
        .contains("500 InternalError", "mine/");
  }
}
