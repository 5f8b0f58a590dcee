package dev.stowage.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.CapabilityOverrides;
import dev.stowage.tck.ContractReport;
import dev.stowage.tck.LiveStoreFixture;
import dev.stowage.tck.LiveStoreSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "tck",
    description = {
      "Run the compliance kit against a live store: every contract case, under a random root that"
          + " is emptied afterwards.",
      "Writes a console summary, JUnit XML, an HTML page and JSON; exits 1 if any case fails.",
      "Provider options go before the command (-o KEY=VALUE); capabilities are withdrawn only by"
          + " --capability-overrides or STOWAGE_TCK_CAPABILITY_OVERRIDES."
    })
final class TckCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(
      index = "0",
      paramLabel = "URI",
      description = "The store to certify, such as s3://bucket/tck or file:///tmp/tck")
  String uri;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      defaultValue = "stowage-tck-report",
      description =
          "Where the reports go: report.json, report.html and junit/ (default: ${DEFAULT-VALUE})")
  Path reportDirectory;

  @Option(
      names = "--capability-overrides",
      paramLabel = "FILE",
      description =
          "A file of capabilities (CONDITIONAL_CREATE, ...) or checksums (CRC64ECMA, ...) the store"
              + " is known to lack; the report lists each")
  Path overridesFile;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the summary, not a line per case.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = stowage.spec.commandLine().getOut();
    QuirksProfile.Applied applied = QuirksProfile.apply(stowage.options());
    CapabilityOverrides overrides = withProfile(overrides(), applied);
    LiveStoreSettings settings = new LiveStoreSettings(uri, applied.options(), overrides);
    LiveStoreFixture fixture = LiveStoreFixture.prepare(stowage.providers(), settings);
    Capabilities declared;
    try (ObjectStore store = fixture.openDeclared()) {
      declared = store.capabilities();
    }
    Path junit = Files.createDirectories(reportDirectory.resolve("junit"));
    overrides.describe().forEach(line -> out.println("override: " + line));
    out.println("Running the compliance kit under " + fixture.root());
    out.flush();

    ContractRunListener listener =
        new ContractRunListener(
            ended -> {
              if (!quiet) {
                out.printf("%-7s %s (%d ms)%n", ended.verdict(), ended.name(), ended.millis());
                out.flush();
              }
            });
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    launch(fixture, listener, junit);
    List<ComplianceReport.Case> cases = new ArrayList<>(listener.cases());
    cases.add(smoke(fixture));
    List<String> runFailures = new ArrayList<>(listener.runFailures());
    try {
      fixture.close(); // what the smoke made at the run root: a local store's directories
    } catch (RuntimeException e) {
      runFailures.add("after the commands' smoke: " + e.getMessage());
    }
    if (!quiet) {
      ComplianceReport.Case smoke = cases.get(cases.size() - 1);
      out.printf("%-7s %s (%d ms)%n", smoke.verdict(), smoke.name(), smoke.millis());
    }
    double seconds = Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    ComplianceReport report =
        ComplianceReport.of(
            version(),
            started.toString(),
            seconds,
            provider(fixture),
            fixture.base().toString(),
            fixture.root().toString(),
            ComplianceReport.CapabilityTable.of(declared, overrides.applyTo(declared)),
            overrides.describe(),
            cases,
            runFailures);
    Path json = reportDirectory.resolve("report.json");
    Path html = reportDirectory.resolve("report.html");
    report.writeJson(json);
    Files.write(html, ComplianceHtml.render(report).getBytes(StandardCharsets.UTF_8));
    out.print(report.summaryText());
    out.println("Reports: " + html + ", " + json + ", " + junit + "/");
    out.flush();
    return report.passed() ? 0 : Stowage.FAILURE;
  }

  /** The commands' smoke at the run root, in a private scratch folder removed afterwards. */
  private ComplianceReport.Case smoke(LiveStoreFixture fixture) throws IOException {
    Path scratch = Files.createTempDirectory("stowage-smoke-");
    try (Stores stores = stowage.stores()) {
      return CommandSmoke.run(stores, fixture.root(), scratch);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(scratch);
    }
  }

  /**
   * Runs the contract class through the JUnit Platform launcher against the fixture. Its JUnit XML
   * goes to a private folder first and reaches {@code junit} cleaned of secrets.
   */
  private void launch(LiveStoreFixture fixture, ContractRunListener listener, Path junit)
      throws IOException {
    Path raw = Files.createTempDirectory("stowage-junit-");
    try {
      launchInto(fixture, listener, raw);
      fixture.secrets().forEach(stowage.secrets()::add);
      new JunitXmlCleaner(stowage.secrets()).copy(raw, junit);
    } finally {
      try (var files = Files.list(raw)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(raw);
    }
  }

  private void launchInto(LiveStoreFixture fixture, ContractRunListener listener, Path junit) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(LiveContractRun.class))
            .configurationParameter(ContractReport.SUMMARY_PARAMETER, "false")
            .build();
    PrintWriter xmlErrors = stowage.spec.commandLine().getErr();
    LiveContractRun.fixture = fixture;
    try {
      LauncherFactory.create()
          .execute(request, listener, new LegacyXmlReportGeneratingListener(junit, xmlErrors));
    } finally {
      LiveContractRun.fixture = null;
    }
  }

  private ComplianceReport.Provider provider(LiveStoreFixture fixture) {
    String origin =
        stowage.catalog().entries().stream()
            .filter(entry -> entry.provider() == fixture.provider())
            .map(ProviderCatalog.Entry::origin)
            .findFirst()
            .orElse("unknown");
    return new ComplianceReport.Provider(
        fixture.provider().scheme(),
        fixture.provider().description(),
        fixture.provider().getClass().getName(),
        origin);
  }

  /** Adds what a quirks profile of the store's scheme withdraws, naming it as the source. */
  private CapabilityOverrides withProfile(
      CapabilityOverrides overrides, QuirksProfile.Applied applied) {
    String scheme = StorageLocation.parse(uri).scheme();
    Set<Capability> fromProfile = applied.withdrawnFrom(scheme);
    if (fromProfile.isEmpty()) {
      return overrides;
    }
    Set<Capability> features = EnumSet.copyOf(fromProfile);
    features.addAll(overrides.withdrawnFeatures());
    String option = scheme + "." + QuirksProfile.OPTION;
    String profile = option + "=" + stowage.options().get(option);
    return new CapabilityOverrides(
        features,
        overrides.withdrawnChecksums(),
        overrides.serverDeviations(),
        overrides.isEmpty() ? profile : overrides.source() + " and " + profile);
  }

  private CapabilityOverrides overrides() throws IOException {
    String variable = System.getenv(LiveStoreSettings.OVERRIDES_VARIABLE);
    if (overridesFile != null && variable != null) {
      throw Stowage.CliException.usage(
          "capability overrides come from both --capability-overrides and "
              + LiveStoreSettings.OVERRIDES_VARIABLE
              + "; use one");
    }
    try {
      if (overridesFile != null) {
        if (!Files.isRegularFile(overridesFile)) {
          throw Stowage.CliException.usage(
              "--capability-overrides " + overridesFile + " is not a readable file");
        }
        return CapabilityOverrides.parse(Files.readString(overridesFile), overridesFile.toString());
      }
      return variable == null
          ? CapabilityOverrides.none()
          : CapabilityOverrides.parse(variable, LiveStoreSettings.OVERRIDES_VARIABLE);
    } catch (IllegalArgumentException e) {
      throw Stowage.CliException.usage(e.getMessage());
    }
  }

  private static String version() {
    try {
      return new VersionText().getVersion()[0].replaceFirst("^stowage ", "");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
