package dev.stowage.provider.s3;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.Map;

/**
 * The contract against S3Proxy with checksums only where the API requires them, as for
 * S3-compatible stores that reject flexible checksums.
 */
class S3WhenRequiredChecksumsContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new S3ProxyFixture(
        Map.of(
            "s3.checksum-calculation", "when_required", "s3.checksum-validation", "when_required"));
  }
}
