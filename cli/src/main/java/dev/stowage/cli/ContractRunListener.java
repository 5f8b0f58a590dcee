package dev.stowage.cli;

import dev.stowage.tck.Conformance;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

/**
 * Collects the outcome of every contract case of a live run, with its conformance level, reason and
 * time, and the failures of the run itself (such as a root that could not be emptied).
 */
final class ContractRunListener implements TestExecutionListener {
  private static final String ASSUMPTION_FAILED = "Assumption failed: ";

  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final List<ComplianceReport.Case> cases =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> runFailures =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final ProgressSink progress;

  /** Where a line goes as each case ends; may do nothing. */
  interface ProgressSink {
    void caseEnded(ComplianceReport.Case ended);
  }

  ContractRunListener(ProgressSink progress) {
    this.progress = progress;
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    started.put(test.getUniqueId(), System.nanoTime());
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    if (test.isTest()) {
      add(test, "skipped", reason, Duration.ZERO);
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    Long start = started.remove(test.getUniqueId());
    Duration took = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
    String reason = result.getThrowable().map(ContractRunListener::message).orElse("");
    if (test.isTest()) {
      String verdict =
          switch (result.getStatus()) {
            case SUCCESSFUL -> "passed";
            case ABORTED -> "skipped";
            case FAILED -> "failed";
          };
      add(test, verdict, reason, took);
    } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
      runFailures.add(test.getDisplayName() + ": " + reason);
    }
  }

  List<ComplianceReport.Case> cases() {
    synchronized (cases) {
      return List.copyOf(cases);
    }
  }

  List<String> runFailures() {
    synchronized (runFailures) {
      return List.copyOf(runFailures);
    }
  }

  private void add(TestIdentifier test, String verdict, String reason, Duration took) {
    Optional<Method> method =
        test.getSource()
            .filter(MethodSource.class::isInstance)
            .map(source -> ((MethodSource) source).getJavaMethod());
    String name = method.map(Method::getName).orElse(test.getDisplayName());
    if (!test.getDisplayName().startsWith(name)) {
      name = name + " " + test.getDisplayName();
    }
    Optional<Conformance> level = method.map(m -> m.getAnnotation(Conformance.class));
    ComplianceReport.Case ended =
        new ComplianceReport.Case(
            name,
            level.map(Conformance::value).orElse("core"),
            level.map(Conformance::refusal).orElse(false),
            verdict,
            reason,
            took.toMillis());
    cases.add(ended);
    progress.caseEnded(ended);
  }

  private static String message(Throwable e) {
    String message =
        e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    message = message.strip();
    if (e instanceof TestAbortedException && message.startsWith(ASSUMPTION_FAILED)) {
      message = message.substring(ASSUMPTION_FAILED.length());
    }
    return message.length() > 4_000 ? message.substring(0, 4_000) + " [...]" : message;
  }
}
