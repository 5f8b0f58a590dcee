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
    assertThat(CaseReasons.brief("x".repeat(1_000))).hasSize(300 + " [...]".length());
    assertThat(CaseReasons.brief(null)).isEmpty();
  }

  @Test
  void callsALevelWithOnlyRefusalsCheckedNotDeclaredRatherThanConforming() {
    assertThat(CaseReasons.levelVerdict(1, 5, 1)).isEqualTo("fails");
    assertThat(CaseReasons.levelVerdict(0, 5, 1)).isEqualTo("conforms");
    assertThat(CaseReasons.levelVerdict(0, 0, 2)).isEqualTo("not declared (typed refusal checked)");
    assertThat(CaseReasons.levelVerdict(0, 0, 0)).isEqualTo("not tested");
  }
}
