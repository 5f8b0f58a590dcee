package dev.stowage.cli;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.tck.CaseReasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result of a live compliance run, as {@code stowage tck} writes it in JSON (for a CI to gate
 * on) and renders it in HTML and on the console.
 *
 * @param stowageVersion the version of the kit that ran
 * @param started when the run began, ISO-8601
 * @param seconds how long the run took
 * @param provider the provider under test
 * @param location the location the user named (secrets redacted)
 * @param runRoot the random root the run wrote under and emptied
 * @param capabilities what the provider declares and what the run held it to
 * @param overrides one line per capability override applied
 * @param summary the counts and coverage
 * @param levels one verdict per conformance level
 * @param cases every contract case
 * @param runFailures failures outside any case, such as a root that could not be emptied
 * @param passed whether no case and nothing else failed
 */
record ComplianceReport(
    String stowageVersion,
    String started,
    double seconds,
    Provider provider,
    String location,
    String runRoot,
    CapabilityTable capabilities,
    List<String> overrides,
    Summary summary,
    List<Level> levels,
    List<Case> cases,
    List<String> runFailures,
    boolean passed) {

  /** The provider: its scheme, description, class and where it was loaded from. */
  record Provider(String scheme, String description, String className, String origin) {}

  /** Each feature and checksum with whether it is declared and whether the run tested it. */
  record CapabilityTable(
      Map<String, String> features, Map<String, String> checksums, Map<String, Long> limits) {
    static CapabilityTable of(Capabilities declared, Capabilities tested) {
      Map<String, String> features = new LinkedHashMap<>();
      for (Capability feature : Capability.values()) {
        features.put(feature.name(), state(declared.supports(feature), tested.supports(feature)));
      }
      Map<String, String> checksums = new LinkedHashMap<>();
      for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
        checksums.put(
            algorithm.name(),
            state(
                declared.checksumAlgorithms().contains(algorithm),
                tested.checksumAlgorithms().contains(algorithm)));
      }
      Map<String, Long> limits = new LinkedHashMap<>();
      limits.put("minPartSize", declared.minPartSize());
      limits.put("maxPartSize", declared.maxPartSize());
      limits.put("maxParts", (long) declared.maxParts());
      limits.put("maxSingleWriteSize", declared.maxSingleWriteSize());
      limits.put("maxDeleteBatch", (long) declared.maxDeleteBatch());
      limits.put("maxKeyBytes", (long) declared.maxKeyBytes());
      limits.put("maxUserMetadataBytes", (long) declared.maxUserMetadataBytes());
      return new CapabilityTable(features, checksums, limits);
    }

    private static String state(boolean declared, boolean tested) {
      if (!declared) {
        return "not declared";
      }
      return tested ? "declared" : "declared, withdrawn by override";
    }
  }

  /**
   * The counts; coverage is the share of cases that ran (passed or failed) rather than being
   * skipped.
   */
  record Summary(int total, int passed, int failed, int skipped, double coveragePercent) {}

  /**
   * A conformance level's verdict: conforms, fails, not declared (typed refusal checked) when only
   * the refusal of an undeclared capability was checked, or not tested when all its cases skipped.
   */
  record Level(String name, String verdict, int passed, int failed, int skipped) {}

  /** One contract case. */
  record Case(
      String name, String level, boolean refusal, String verdict, String reason, long millis) {}

  static ComplianceReport of(
      String version,
      String started,
      double seconds,
      Provider provider,
      String location,
      String runRoot,
      CapabilityTable capabilities,
      List<String> overrides,
      List<Case> cases,
      List<String> runFailures) {
    int passed = count(cases, "passed");
    int failed = count(cases, "failed");
    int skipped = count(cases, "skipped");
    double coverage =
        cases.isEmpty() ? 0 : Math.round(1000.0 * (passed + failed) / cases.size()) / 10.0;
    Map<String, List<Case>> byLevel = new TreeMap<>();
    cases.forEach(c -> byLevel.computeIfAbsent(c.level(), name -> new ArrayList<>()).add(c));
    List<Level> levels = new ArrayList<>();
    byLevel.forEach(
        (name, members) -> {
          int levelPassed = count(members, "passed");
          int levelFailed = count(members, "failed");
          long refusalsPassed =
              members.stream().filter(c -> c.refusal() && c.verdict().equals("passed")).count();
          String verdict =
              CaseReasons.levelVerdict(levelFailed, levelPassed - refusalsPassed, refusalsPassed);
          levels.add(new Level(name, verdict, levelPassed, levelFailed, count(members, "skipped")));
        });
    return new ComplianceReport(
        version,
        started,
        seconds,
        provider,
        location,
        runRoot,
        capabilities,
        List.copyOf(overrides),
        new Summary(cases.size(), passed, failed, skipped, coverage),
        levels,
        List.copyOf(cases),
        List.copyOf(runFailures),
        failed == 0 && runFailures.isEmpty() && !cases.isEmpty());
  }

  private static int count(List<Case> cases, String verdict) {
    return (int) cases.stream().filter(c -> c.verdict().equals(verdict)).count();
  }

  void writeJson(Path file) throws IOException {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.write(file, mapper.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
  }

  static ComplianceReport readJson(Path file) throws IOException {
    return JsonMapper.builder().build().readValue(Files.readString(file), ComplianceReport.class);
  }

  /** The console summary: counts, levels, overrides, and every case that did not pass. */
  String summaryText() {
    StringBuilder text = new StringBuilder();
    text.append("Stowage ")
        .append(stowageVersion)
        .append(" compliance run: ")
        .append(provider.scheme())
        .append(":// (")
        .append(provider.className())
        .append(") at ")
        .append(location)
        .append('\n');
    text.append(
        String.format(
            java.util.Locale.ROOT,
            "%d cases: %d passed, %d failed, %d skipped; %.1f%% of the suite ran, in %.1f s%n",
            summary.total(),
            summary.passed(),
            summary.failed(),
            summary.skipped(),
            summary.coveragePercent(),
            seconds));
    for (Level level : levels) {
      text.append("  level ")
          .append(level.name())
          .append(": ")
          .append(level.verdict())
          .append('\n');
    }
    for (String override : overrides) {
      text.append("  override: ").append(override).append('\n');
    }
    for (Case c : cases) {
      if (!c.verdict().equals("passed")) {
        text.append("  ")
            .append(c.verdict())
            .append(": ")
            .append(c.name())
            .append(" (")
            .append(CaseReasons.brief(c.reason()))
            .append(")\n");
      }
      CaseReasons.slowLine(c.name(), c.millis()).ifPresent(text::append);
    }
    for (String failure : runFailures) {
      text.append("  run failure: ").append(failure).append('\n');
    }
    text.append(passed ? "PASSED" : "FAILED").append('\n');
    return text.toString();
  }
}
