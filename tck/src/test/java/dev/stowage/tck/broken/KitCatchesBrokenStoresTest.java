package dev.stowage.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.stowage.api.StorageLocation;
import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.ProviderOpening;
import dev.stowage.tck.StoreFixture;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit fails a store that breaks one of its promises, on the case that checks that promise, and
 * passes the same store unbroken. Each broken store is one a provider written in good faith has
 * been: a kit that passed it would certify it.
 */
class KitCatchesBrokenStoresTest {
  static Stream<Arguments> brokenStoresAndTheCaseThatCatchesEach() {
    return Stream.of(
        Arguments.of(BrokenStores.FUTURE_TIMES, "reportsTheTimeOfTheWriteAlikeInStatAndListing"),
        Arguments.of(
            BrokenStores.COMPLETION_IGNORES_CREATE_ONLY,
            "anotherInstanceKeepsCreateOnlyAtCompletion"),
        Arguments.of(
            BrokenStores.NO_NESTED_KEYS_UNDECLARED,
            "holdsAnObjectAndObjectsUnderItsKeyOrRefusesTheSecondTyped"),
        Arguments.of(
            BrokenStores.JOINS_PARTS_IN_ARRIVAL_ORDER,
            "joinsPartsUploadedOutOfOrder \"one after another\""),
        Arguments.of(
            BrokenStores.REPEATS_LISTING_TOKENS,
            "listsEveryKeyExactlyOnceInUtf8OrderAtEveryPageSize"),
        Arguments.of(BrokenStores.UNDERSTATES_WRITES, "roundTripsContentByteForByte 1 bytes"),
        Arguments.of(BrokenStores.SHOWS_ITS_TOKEN, "showsNoSecretInTextOrMessages"),
        Arguments.of(BrokenStores.SHOWS_ITS_TOKEN, "showsNoCanaryGivenInASecretOption"));
  }

  @Test
  void passesTheStoreUnbroken() {
    assertThat(failures(null, "")).as("the kit's failures on a correct store").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenStoresAndTheCaseThatCatchesEach")
  void failsABrokenStoreOnTheCaseThatChecksItsPromise(BrokenStores broken, String kitCase) {
    String method = kitCase.split(" ", 2)[0];

    Map<String, Throwable> failures = failures(broken, method);

    assertThat(failures.keySet()).as("the kit's failed cases on " + broken).contains(kitCase);
    assertThat(failures.get(kitCase).getMessage())
        .as("the message of %s on %s", kitCase, broken)
        .contains("Promise: ", "Hint: ")
        .doesNotContain("Expecting", "\tat ", "fixture-token-", "CANARY");
  }

  /**
   * Runs the kit's cases of one name (all, if empty) on a store and returns the failed ones, each
   * as its method name and, for a parameterized case, its display name.
   */
  private static Map<String, Throwable> failures(BrokenStores broken, String method) {
    Kit.store = broken;
    Map<String, Throwable> failed = new TreeMap<>();
    PostDiscoveryFilter onlyThatCase =
        descriptor ->
            FilterResult.includedIf(
                method.isEmpty()
                    || descriptor
                        .getSource()
                        .filter(
                            org.junit.platform.engine.support.descriptor.MethodSource.class
                                ::isInstance)
                        .map(
                            source ->
                                ((org.junit.platform.engine.support.descriptor.MethodSource) source)
                                    .getMethodName()
                                    .equals(method))
                        .orElse(true));
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            Optional<Throwable> thrown = result.getThrowable();
            if (result.getStatus() == TestExecutionResult.Status.FAILED && thrown.isPresent()) {
              failed.put(name(test), thrown.get());
            }
          }
        };
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Kit.class))
                .filters(onlyThatCase)
                .build(),
            listener);
    return failed;
  }

  private static String name(TestIdentifier test) {
    String method =
        test.getSource()
            .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
            .map(
                source ->
                    ((org.junit.platform.engine.support.descriptor.MethodSource) source)
                        .getMethodName())
            .orElse(test.getDisplayName());
    return test.getDisplayName().startsWith(method) ? method : method + " " + test.getDisplayName();
  }

  /** The kit on a {@link SmallStore}, broken as {@link #store} says (not at all if null). */
  static class Kit extends AbstractObjectStoreContractTest {
    static volatile BrokenStores store;

    @Override
    protected StoreFixture fixture() {
      // opened through a provider, as a third party's fixture would: the kit finds the secret
      // option itself, the fixture names no secret
      return StoreFixture.of(
          new ProviderOpening(
              new SmallStoreProvider(new SmallStore.Bucket(), store),
              StorageLocation.parse("small://bucket/"),
              Map.of(SmallStoreProvider.TOKEN, "fixture-token-" + UUID.randomUUID())));
    }
  }
}
