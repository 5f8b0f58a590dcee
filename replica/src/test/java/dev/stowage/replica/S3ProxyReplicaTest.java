package dev.stowage.replica;

import dev.stowage.api.ObjectStore;
import dev.stowage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The replica contract on provider-s3 against S3Proxy, in Litestream's s3 layout. */
class S3ProxyReplicaTest extends ReplicaClientContract {
  private static S3ProxyServer server;
  private static int buckets;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  ObjectStore openStore(String path) {
    return server.open("replica-" + ++buckets, path);
  }

  @Override
  ReplicaLayout expectedLayout() {
    return ReplicaLayout.OBJECT_STORE;
  }
}
