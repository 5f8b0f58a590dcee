package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ObjectStore;
import dev.stowage.engine.Stores;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replica contract on provider-oss against oss-server, in Litestream's oss layout, and a
 * restore whose reads are cut mid-file.
 */
class OssReplicaTest extends ReplicaClientContract {
  private static OssServer server;

  @BeforeAll
  static void start() throws Exception {
    server = OssServer.builder().build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  ObjectStore openStore(String path) {
    server.faults().clear();
    return Stores.oss(server, "replica", path);
  }

  @Override
  ReplicaLayout expectedLayout() {
    return ReplicaLayout.OBJECT_STORE;
  }

  @Test
  void resumesReadsCutMidFileFromTheByteWhereTheyStopped() throws Exception {
    List<byte[]> images = replicateHistory();
    RestorePlan plan = client.plan(RestoreTarget.latest());
    server.faults().inject(Fault.truncateResponseBody(3_000).on(OssOperation.GET_OBJECT).times(3));
    Path output = temp.resolve("resumed.db");

    client.restore(plan, output, RestoreListener.NONE);

    assertThat(server.faults().fired(OssOperation.GET_OBJECT)).isEqualTo(3);
    assertThat(Files.readAllBytes(output)).isEqualTo(images.get(4));
  }
}
