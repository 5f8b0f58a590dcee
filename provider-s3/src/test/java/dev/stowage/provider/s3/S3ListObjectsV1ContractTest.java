package dev.stowage.provider.s3;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.Map;

/**
 * The contract against S3Proxy listing with the original ListObjects (V1), as for S3-compatible
 * servers that answer ListObjectsV2 with HTTP 501: its marker paging, delimiter roll-up and
 * start-after hold to the same promises.
 */
class S3ListObjectsV1ContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new S3ProxyFixture(Map.of("s3.list-objects", "v1"));
  }
}
