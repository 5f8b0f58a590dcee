package dev.stowage.cli;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.LiveStoreFixture;
import dev.stowage.tck.StoreFixture;

/**
 * The compliance kit's contract as {@code stowage tck} runs it through the JUnit Platform launcher:
 * the same cases every provider's build runs, against the fixture the command prepared.
 */
class LiveContractRun extends AbstractObjectStoreContractTest {
  /** Set by {@link TckCommand} for the length of one launcher run. */
  static volatile LiveStoreFixture fixture;

  LiveContractRun() {}

  @Override
  protected StoreFixture fixture() {
    LiveStoreFixture prepared = fixture;
    if (prepared == null) {
      throw new IllegalStateException("run by 'stowage tck' only: no live store was prepared");
    }
    return prepared;
  }
}
