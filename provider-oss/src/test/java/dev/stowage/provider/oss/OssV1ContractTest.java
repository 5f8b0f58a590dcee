package dev.stowage.provider.oss;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;

/** The contract against the in-process OSS server, requests signed with V1. */
class OssV1ContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new OssServerFixture("v1");
  }
}
