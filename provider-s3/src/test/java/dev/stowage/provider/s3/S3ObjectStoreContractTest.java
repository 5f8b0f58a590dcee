package dev.stowage.provider.s3;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.Map;

/** The contract against S3Proxy, with the SDK's default flexible checksums (CRC-32C sent). */
class S3ObjectStoreContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new S3ProxyFixture(Map.of());
  }
}
