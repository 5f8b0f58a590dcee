package dev.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseReasonsTest {
  @Test
  void saysAReasonInOneLineWithoutJUnitsPrefix() {
    assertThat(CaseReasons.brief("Assumption failed: the store does not declare COPY"))
        .isEqualTo("the store does not declare COPY");
    assertThat(
            CaseReasons.brief(
                "[the time stat reports]\nExpecting actual:\n  2026-12-06T09:00:00Z\nto be in"
                    + " period:\n  [2026-12-06T00:58:00Z, 2026-12-06T01:02:00Z]\n"))
        .isEqualTo(
            "[the time stat reports] Expecting actual: 2026-12-06T09:00:00Z to be in period:"
                + " [2026-12-06T00:58:00Z, 2026-12-06T01:02:00Z]");
    assertThat(CaseReasons.brief("x".repeat(1_000))).hasSize(800 + " [...]".length());
    assertThat(CaseReasons.brief(null)).isEmpty();
  }

  @Test
  void saysWhatDifferedPlainlyWithoutStackFrames() {
    assertThat(
            CaseReasons.plain(
                new AssertionError(
                    "[stat of tck-1/a after close] \nExpecting code to raise a throwable.")))
        .isEqualTo("[stat of tck-1/a after close] nothing was thrown");
    assertThat(
            CaseReasons.plain(
                new AssertionError(
                    "\nExpecting actual throwable to be an instance of:\n  java.lang.IllegalStateException\n"
                        + "but was:\n  java.lang.RuntimeException: boom\n"
                        + "\tat com.example.Store.stat(Store.java:12)\n"
                        + "\t... 12 more\n"
                        + "...(221 remaining lines not displayed - this can be changed with"
                        + " Assertions.setMaxStackTraceElementsDisplayed)")))
        .isEqualTo(
            "expected an exception of type java.lang.IllegalStateException but was:"
                + " java.lang.RuntimeException: boom");
    assertThat(CaseReasons.plain(new IllegalArgumentException("no bucket\nsecond line")))
        .isEqualTo("IllegalArgumentException: no bucket second line");
    assertThat(CaseReasons.plain(new AssertionError("y".repeat(1_000))))
        .hasSize(300 + " [...]".length());
  }

  @Test
  void endsAFailureWithThePromiseItBrokeAndAHint() throws NoSuchMethodException {
    Promise promise =
        CaseReasonsTest.class.getDeclaredMethod("promised").getAnnotation(Promise.class);

    assertThat(
            PromiseMessages.message(
                new AssertionError("Expecting code to raise a throwable."), promise))
        .isEqualTo(
            "nothing was thrown. Promise: A closed store refuses every call. Hint: Keep a flag.");
  }

  @Promise(value = "A closed store refuses every call.", hint = "Keep a flag.")
  private static void promised() {}

  @Test
  void namesACaseSlowerThanTenSecondsWithItsTime() {
    assertThat(CaseReasons.slowLine("listsEveryKey", 80_400))
        .contains("  slow: listsEveryKey took 80 s\n");
    assertThat(CaseReasons.slowLine("listsEveryKey", CaseReasons.SLOW_MILLIS)).isEmpty();
  }

  @Test
  void callsALevelWithOnlyRefusalsCheckedNotDeclaredRatherThanConforming() {
    assertThat(CaseReasons.levelVerdict(1, 5, 1)).isEqualTo("fails");
    assertThat(CaseReasons.levelVerdict(0, 5, 1)).isEqualTo("conforms");
    assertThat(CaseReasons.levelVerdict(0, 0, 2)).isEqualTo("not declared (typed refusal checked)");
    assertThat(CaseReasons.levelVerdict(0, 0, 0)).isEqualTo("not tested");
  }
}
