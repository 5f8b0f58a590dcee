package dev.stowage.tck;

import dev.stowage.api.ObjectStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the store under test. A provider's test implements this once; the contract tests, the
 * engine's tests and {@code stowage tck} all use it.
 */
public interface StoreFixture extends AutoCloseable {
  /**
   * Returns a fixture that opens its store through a provider, as {@code opening} says; the kit
   * takes its secrets from the provider's secret options and checks canaries in each.
   *
   * @param opening the provider, location and options
   * @return the fixture
   */
  static StoreFixture of(ProviderOpening opening) {
    return new StoreFixture() {
      @Override
      public ObjectStore openStore() {
        return opening.open(Map.of());
      }

      @Override
      public Optional<ProviderOpening> opening() {
        return Optional.of(opening);
      }
    };
  }

  /**
   * Opens a store over an empty location. Called once per contract class, and again by the tests of
   * {@link dev.stowage.api.ObjectStore#close()}; every call must reach the same objects.
   *
   * @return an open store; the kit closes it
   */
  ObjectStore openStore();

  /**
   * Returns the secrets the fixture configured the store with (canary credentials), which must
   * appear in no {@code toString()} and no exception message.
   *
   * @return the secrets; empty by default
   */
  default Set<String> secrets() {
    return Set.of();
  }

  /**
   * Returns how the fixture opens its store through a provider, if it does: the kit then counts the
   * values of the provider's secret options among the {@link #secrets()}, and opens the store again
   * with a canary in each secret option to check that no text or message shows it.
   *
   * @return the opening; empty by default, and the canary case is skipped
   */
  default Optional<ProviderOpening> opening() {
    return Optional.empty();
  }

  /**
   * Returns the ways the fixture's server is known to differ from the real service; the cases that
   * check those behaviours are skipped with the reason. Empty by default, and for any fixture of a
   * real service.
   *
   * @return the deviations
   */
  default Set<ServerDeviation> serverDeviations() {
    return Set.of();
  }

  /**
   * Returns how far the store's clock may be from this machine's: a modification time the store
   * reports must lie within the write's start and end, widened by this much. Two minutes by
   * default, beyond which request signing (S3, OSS) fails anyway.
   *
   * @return the allowance
   */
  default Duration clockSkewAllowance() {
    return Duration.ofMinutes(2);
  }

  /** Stops whatever the fixture started, such as an in-process server. Does nothing by default. */
  @Override
  default void close() {}
}
