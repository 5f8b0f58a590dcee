package dev.stowage.tck;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the contract cases of one test class and prints, when the class ends, how many ran,
 * passed, failed and were skipped, with each skip's and failure's reason in a line, each capability
 * group's verdict and each case slower than ten seconds. Registered by {@link
 * AbstractObjectStoreContractTest}; a test skipped because its capability is not declared is
 * therefore visible, never a silent pass.
 */
public final class ContractReport
    implements TestWatcher,
        AfterAllCallback,
        BeforeTestExecutionCallback,
        AfterTestExecutionCallback {
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
  private record Outcome(
      String name, String group, boolean refusal, String verdict, String reason, long millis) {}

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    outcomes(context).started.put(context.getUniqueId(), System.nanoTime());
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Outcomes outcomes = outcomes(context);
    Long start = outcomes.started.remove(context.getUniqueId());
    if (start != null) {
      outcomes.millis.put(context.getUniqueId(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    add(context, "passed", "");
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    add(context, "skipped", cause.getMessage());
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    add(context, "failed", cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    add(context, "skipped", reason.orElse("disabled"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!context.getConfigurationParameter(SUMMARY_PARAMETER, Boolean::parseBoolean).orElse(true)) {
      return;
    }
    List<Outcome> outcomes = List.copyOf(outcomes(context).list);
    print(context.getRequiredTestClass().getSimpleName(), outcomes, System.out);
  }

  private static void add(ExtensionContext context, String verdict, String reason) {
    Outcomes outcomes = outcomes(context);
    Conformance level = context.getRequiredTestMethod().getAnnotation(Conformance.class);
    outcomes.list.add(
        new Outcome(
            name(context),
            level == null ? "core" : level.value(),
            level != null && level.refusal(),
            verdict,
            CaseReasons.brief(reason),
            outcomes.millis.getOrDefault(context.getUniqueId(), 0L)));
  }

  static void print(String suite, List<Outcome> outcomes, PrintStream out) {
    long passed = count(outcomes, "passed");
    long failed = count(outcomes, "failed");
    long skipped = count(outcomes, "skipped");
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
    Map<String, List<Outcome>> groups = new TreeMap<>();
    outcomes.forEach(o -> groups.computeIfAbsent(o.group(), g -> new ArrayList<>()).add(o));
    groups.forEach(
        (group, members) ->
            text.append("  level ")
                .append(group)
                .append(": ")
                .append(
                    CaseReasons.levelVerdict(
                        count(members, "failed"),
                        members.stream().filter(o -> !o.refusal() && passed(o)).count(),
                        members.stream().filter(o -> o.refusal() && passed(o)).count()))
                .append('\n'));
    for (Outcome outcome : outcomes) {
      if (!passed(outcome)) {
        text.append("  ")
            .append(outcome.verdict())
            .append(": ")
            .append(outcome.name())
            .append(" (")
            .append(outcome.reason())
            .append(")\n");
      }
      CaseReasons.slowLine(outcome.name(), outcome.millis()).ifPresent(text::append);
    }
    out.print(text);
    out.flush();
  }

  private static boolean passed(Outcome outcome) {
    return outcome.verdict().equals("passed");
  }

  private static long count(List<Outcome> outcomes, String verdict) {
    return outcomes.stream().filter(o -> o.verdict().equals(verdict)).count();
  }

  private static String name(ExtensionContext context) {
    return context.getRequiredTestMethod().getName()
        + (context.getDisplayName().startsWith(context.getRequiredTestMethod().getName())
            ? ""
            : " " + context.getDisplayName());
  }

  private static Outcomes outcomes(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return store.computeIfAbsent(
        context.getRequiredTestClass().getName(), name -> new Outcomes(), Outcomes.class);
  }

  /** The outcomes of one test class, in the order the cases ended, and their times. */
  private static final class Outcomes {
    final List<Outcome> list = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> started = new ConcurrentHashMap<>();
    final Map<String, Long> millis = new ConcurrentHashMap<>();
  }
}
