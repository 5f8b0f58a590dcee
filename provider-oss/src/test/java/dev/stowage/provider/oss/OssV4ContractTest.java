package dev.stowage.provider.oss;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;

/** The contract against the in-process OSS server, requests signed with V4 (the default). */
class OssV4ContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new OssServerFixture("v4");
  }
}
