package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over plain HTTP the S3 client signs a body chunk by chunk, so a byte changed on the way gets the
 * answer a wrong secret gets, SignatureDoesNotMatch. The provider tells them apart (INT-01).
 */
class SignedBodyTest {
  @RegisterExtension static final ProxiedServers servers = new ProxiedServers("signed-bodies");
  private final FaultProxy proxy = servers.proxy("s3");

  private ObjectStore open(Map<String, String> overrides) {
    return servers.open("s3", overrides);
  }

  @Test
  void aBodyChangedOnTheWayIsSentAgainNotBlamedOnTheCredentials() throws IOException {
    // small enough that the whole body is sent before the server answers: with a larger one the
    // server may refuse mid-body, and the SDK retries the broken pipe itself
    byte[] bytes = Stores.bytes(2_000);
    try (ObjectStore store = open(Map.of());
        TransferEngine engine = TransferEngine.builder().build()) {
      proxy.inject(ProxyFault.of(Kind.FLIP_REQUEST_BYTE).atByte(777).when("PUT", "flipped"));
      assertThatThrownBy(() -> store.put("flipped", Content.ofBytes(bytes), WriteOptions.DEFAULTS))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining("credentials hold");

      proxy.inject(ProxyFault.of(Kind.FLIP_REQUEST_BYTE).atByte(777).when("PUT", "through"));
      TransferResult result =
          engine.upload(Content.ofBytes(bytes), store, "through", WriteOptions.DEFAULTS);
      assertThat(result.retries()).isEqualTo(1);
      assertThat(Stores.read(store, "through")).isEqualTo(bytes);
    }
  }

  @Test
  void aWrongSecretIsStillRefusedCredentials() {
    try (ObjectStore store = open(Map.of("s3.secret-access-key", "not-the-secret"))) {
      assertThatThrownBy(
              () -> store.put("refused", Content.ofBytes(new byte[10]), WriteOptions.DEFAULTS))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("credentials were refused");
    }
  }
}
