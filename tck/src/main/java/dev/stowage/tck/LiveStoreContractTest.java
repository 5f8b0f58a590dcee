package dev.stowage.tck;

import dev.stowage.api.Providers;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The contract run against a live store named by {@code STOWAGE_TCK_URI} (see {@link
 * LiveStoreSettings#fromEnvironment()}), with the providers on the class path. A build runs it by
 * extending it with an empty class; without the variable the whole class is skipped with one
 * reason. Each run works under its own random root and empties it afterwards.
 */
@ExtendWith(LiveStoreContractTest.WhenConfigured.class)
public class LiveStoreContractTest extends AbstractObjectStoreContractTest {
  /** For subclasses, and for JUnit. */
  public LiveStoreContractTest() {}

  @Override
  protected StoreFixture fixture() {
    return LiveStoreFixture.prepare(
        Providers.load(), LiveStoreSettings.fromEnvironment().orElseThrow());
  }

  /** Skips the class, with the reason, when no live store is named. */
  static final class WhenConfigured implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return LiveStoreSettings.fromEnvironment().isPresent()
          ? ConditionEvaluationResult.enabled("a live store is named")
          : ConditionEvaluationResult.disabled(
              LiveStoreSettings.URI_VARIABLE
                  + " is not set (nor -Dstowage.tck.uri, nor a line of ./.env): no live store to"
                  + " run the compliance kit against");
    }
  }
}
