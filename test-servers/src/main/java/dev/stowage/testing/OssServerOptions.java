package dev.stowage.testing;

import dev.stowage.oss.server.OssServer;
import java.util.Map;

/** The provider options that reach an {@code oss-server} with its credentials, for any test. */
public final class OssServerOptions {
  private OssServerOptions() {}

  /**
   * Returns the options: the server's endpoint (plain HTTP on loopback, so allowed), its access key
   * id and its secret.
   *
   * @param server a started server
   * @return the options, such as {@code oss.endpoint}
   */
  public static Map<String, String> of(OssServer server) {
    return Map.of(
        "oss.endpoint", server.endpoint().toString(),
        "oss.allow-insecure-http", "true",
        "oss.access-key-id", server.accessKeyId(),
        "oss.access-key-secret", server.accessKeySecret());
  }
}
