package com.example.stowage.memory;

import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.ProviderOpening;
import dev.stowage.tck.StoreFixture;
import java.util.Map;
import java.util.UUID;

/** Certifies the provider: one fixture, and the whole compliance kit runs against it. */
class MemoryStoreContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    StorageLocation location = StorageLocation.parse("mem://tck-" + UUID.randomUUID() + "/root");
    return StoreFixture.of(new ProviderOpening(Providers.load().provider("mem"), location, Map.of()));
  }
}
