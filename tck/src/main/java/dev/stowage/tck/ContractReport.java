package dev.stowage.tck;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the contract cases of one test class and prints, when the class ends, how many ran,
 * passed, failed and were skipped, with each skip's reason and each capability group's verdict.
 * Registered by {@link AbstractObjectStoreContractTest}; a test skipped because its capability is
 * not declared is therefore visible, never a silent pass.
 */
public final class ContractReport implements TestWatcher, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ContractReport.class);

  /**
   * The configuration parameter that, set to {@code false}, stops the summary, for a runner that
   * prints its own.
   */
  public static final String SUMMARY_PARAMETER = "stowage.tck.console-summary";

  /** Creates the extension; JUnit does this through {@code @ExtendWith}. */
  public ContractReport() {}

  /** The outcome of one case. */
  private record Outcome(String name, String group, String verdict, String reason) {}

  @Override
  public void testSuccessful(ExtensionContext context) {
    outcomes(context).add(new Outcome(name(context), group(context), "passed", ""));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    outcomes(context)
        .add(
            new Outcome(
                name(context), group(context), "skipped", String.valueOf(cause.getMessage())));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    outcomes(context)
        .add(
            new Outcome(
                name(context), group(context), "failed", String.valueOf(cause.getMessage())));
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    outcomes(context)
        .add(new Outcome(name(context), group(context), "skipped", reason.orElse("disabled")));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!context.getConfigurationParameter(SUMMARY_PARAMETER, Boolean::parseBoolean).orElse(true)) {
      return;
    }
    List<Outcome> outcomes = List.copyOf(outcomes(context));
    print(context.getRequiredTestClass().getSimpleName(), outcomes, System.out);
  }

  static void print(String suite, List<Outcome> outcomes, PrintStream out) {
    long passed = outcomes.stream().filter(o -> o.verdict().equals("passed")).count();
    long failed = outcomes.stream().filter(o -> o.verdict().equals("failed")).count();
    long skipped = outcomes.stream().filter(o -> o.verdict().equals("skipped")).count();
    StringBuilder text = new StringBuilder();
    text.append("Stowage TCK ")
        .append(suite)
        .append(": ")
        .append(outcomes.size())
        .append(" cases, ")
        .append(passed)
        .append(" passed, ")
        .append(failed)
        .append(" failed, ")
        .append(skipped)
        .append(" skipped\n");
    Map<String, String> groups = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      groups.merge(outcome.group(), outcome.verdict(), ContractReport::worse);
    }
    groups.forEach(
        (group, verdict) ->
            text.append("  level ")
                .append(group)
                .append(": ")
                .append(
                    verdict.equals("passed")
                        ? "conforms"
                        : verdict.equals("failed") ? "FAILS" : "not tested (skipped)")
                .append('\n'));
    for (Outcome outcome : outcomes) {
      if (!outcome.verdict().equals("passed")) {
        text.append("  ")
            .append(outcome.verdict())
            .append(": ")
            .append(outcome.name())
            .append(" (")
            .append(outcome.reason().lines().findFirst().orElse("").strip())
            .append(")\n");
      }
    }
    out.print(text);
    out.flush();
  }

  private static String worse(String a, String b) {
    if (a.equals("failed") || b.equals("failed")) {
      return "failed";
    }
    return a.equals("passed") || b.equals("passed") ? "passed" : "skipped";
  }

  private static String name(ExtensionContext context) {
    return context.getRequiredTestMethod().getName()
        + (context.getDisplayName().startsWith(context.getRequiredTestMethod().getName())
            ? ""
            : " " + context.getDisplayName());
  }

  private static String group(ExtensionContext context) {
    Conformance level = context.getRequiredTestMethod().getAnnotation(Conformance.class);
    return level == null ? "core" : level.value();
  }

  private static List<Outcome> outcomes(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return store.computeIfAbsent(
            context.getRequiredTestClass().getName(), name -> new Outcomes(), Outcomes.class)
        .list;
  }

  /** The outcomes of one test class, in the order the cases ended. */
  private static final class Outcomes {
    final List<Outcome> list = java.util.Collections.synchronizedList(new ArrayList<>());
  }
}
