package dev.stowage.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Gives a failed case's message the {@link Promise} it checks: what differed (the assertion's
 * message in a line, AssertJ's wording made plain), then the promise and the hint. A skip and a
 * case without a promise keep their message.
 */
final class PromiseMessages implements TestExecutionExceptionHandler {
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    Promise promise = context.getRequiredTestMethod().getAnnotation(Promise.class);
    if (promise == null || thrown instanceof TestAbortedException) {
      throw thrown;
    }
    AssertionError failure = new AssertionError(message(thrown, promise), thrown);
    failure.setStackTrace(thrown.getStackTrace());
    throw failure;
  }

  static String message(Throwable thrown, Promise promise) {
    String what = CaseReasons.plain(thrown);
    return (what.isEmpty() ? "" : what + (what.endsWith(".") ? " " : ". "))
        + "Promise: "
        + promise.value()
        + " Hint: "
        + promise.hint();
  }
}
