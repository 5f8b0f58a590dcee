package com.example.stowage.memory;

import dev.stowage.api.Providers;
import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.UUID;

/** Certifies the provider: one fixture, and the whole compliance kit runs against it. */
class MemoryStoreContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    String location = "mem://tck-" + UUID.randomUUID() + "/root";
    return () -> Providers.load().open(location);
  }
}
