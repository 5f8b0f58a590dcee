package dev.stowage.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Providers;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import dev.stowage.provider.support.internal.DescribedProvider;
import dev.stowage.tck.ServerDeviation;
import dev.stowage.testing.OssServerOptions;
import dev.stowage.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code stowage tck}: the contract run live against a directory, S3Proxy and the OSS server, with
 * its three reports checked for what a provider author publishes.
 */
class TckCommandTest {
  @TempDir Path temp;

  record Result(int code, String out, String err) {}

  private static Result run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            TckCommandTest.class.getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void certifiesTheFilesystemProviderAndWritesTheThreeReports() throws Exception {
    Path store = Files.createDirectories(temp.resolve("store"));
    Path reports = temp.resolve("reports");

    Result result =
        run(List.of("tck", "--report-dir", reports.toString(), store.toUri().toString()));

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
    assertPassedAndConsistent(report, "file");
    assertThat(report.capabilities().features()).containsEntry("MULTIPART", "declared");
    assertThat(report.overrides()).isEmpty();
    assertThat(result.out())
        .contains("passed  roundTripsContentByteForByte")
        .contains(report.summary().total() + " cases: " + report.summary().passed() + " passed")
        .contains("level multipart: conforms")
        .contains("PASSED");
    assertHtmlShowsTheMatrix(reports.resolve("report.html"), report);
    assertJunitXmlCounts(reports.resolve("junit"), report);
    try (Stream<Path> left = Files.list(store)) {
      assertThat(left.toList()).as("what the run left in the store").isEmpty();
    }
  }

  @Test
  void appliesCapabilityOverridesFromAFileAndReportsEachOne() throws Exception {
    Path store = Files.createDirectories(temp.resolve("store"));
    Path overrides = temp.resolve("overrides.txt");
    Files.writeString(overrides, "# this endpoint ignores If-None-Match\nCONDITIONAL_CREATE\n");
    Path reports = temp.resolve("reports");

    Result result =
        run(
            List.of(
                "tck",
                "-q",
                "--capability-overrides",
                overrides.toString(),
                "--report-dir",
                reports.toString(),
                store.toUri().toString()));

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("override: CONDITIONAL_CREATE withdrawn (from " + overrides);
    ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
    assertThat(report.overrides())
        .containsExactly("CONDITIONAL_CREATE withdrawn (from " + overrides + ")");
    assertThat(report.capabilities().features())
        .containsEntry("CONDITIONAL_CREATE", "declared, withdrawn by override");
    assertThat(verdict(report, "createOnlyFailsTypedWhenNotDeclared")).isEqualTo("passed");
    assertThat(verdict(report, "createOnlyRaceHasExactlyOneWinner")).isEqualTo("skipped");
    assertThat(levelVerdict(report, "conditional"))
        .as("a level whose only passing case checks the refusal of what is not declared")
        .isEqualTo("not declared (typed refusal checked)");
    assertThat(report.cases())
        .filteredOn(c -> c.verdict().equals("skipped"))
        .allSatisfy(c -> assertThat(c.reason()).doesNotStartWith("Assumption failed"));
    assertThat(Files.readString(reports.resolve("report.html")))
        .contains("CONDITIONAL_CREATE withdrawn");
  }

  @Test
  void certifiesS3AgainstS3ProxyWithItsKnownDeviationsDeclared() throws Exception {
    try (S3ProxyServer server = new S3ProxyServer()) {
      server.createBucket("tck-bucket");
      List<String> args = new ArrayList<>();
      server.options().forEach((key, value) -> args.addAll(List.of("-o", key + "=" + value)));
      Path reports = temp.resolve("reports");
      // Without these lines the report fails cases: S3Proxy is not S3.
      Path deviations = temp.resolve("s3proxy-deviations");
      Files.writeString(deviations, S3ProxyServer.KIT_DEVIATIONS);
      args.addAll(
          List.of(
              "tck",
              "-q",
              "--capability-overrides",
              deviations.toString(),
              "--report-dir",
              reports.toString(),
              "s3://tck-bucket/kit"));

      Result result = run(args);

      assertThat(result.code()).as(result.out() + result.err()).isZero();
      ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
      assertPassedAndConsistent(report, "s3");
      assertThat(report.runRoot()).startsWith("s3://tck-bucket/kit/stowage-tck-");
      assertThat(report.overrides())
          .hasSize((int) S3ProxyServer.KIT_DEVIATIONS.lines().count())
          .allMatch(line -> line.startsWith("server deviation "));
      assertThat(report.cases())
          .filteredOn(c -> c.name().equals("refusesPartsForAnAbortedUpload"))
          .extracting(ComplianceReport.Case::reason)
          .containsExactly(ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT.reason());
      String everything =
          result.out()
              + result.err()
              + Files.readString(reports.resolve("report.json"))
              + Files.readString(reports.resolve("report.html"));
      assertThat(everything).doesNotContain(server.options().get("s3.secret-access-key"));
    }
  }

  @Test
  void certifiesOssAgainstTheOssServer() throws Exception {
    String secret = "TCK-OSS-CANARY-SECRET-0b7e";
    try (OssServer server =
        OssServer.builder().credentials("LTAITCKTEST0000001", secret).build().start()) {
      server.createBucket("tck-bucket");
      Path reports = temp.resolve("reports");

      List<String> args = ossOptions(server);
      args.addAll(List.of("tck", "-q", "--report-dir", reports.toString(), "oss://tck-bucket/"));

      Result result = run(args);

      assertThat(result.code()).as(result.out() + result.err()).isZero();
      ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
      assertPassedAndConsistent(report, "oss");
      assertThat(report.capabilities().checksums()).containsEntry("CRC64ECMA", "declared");
      assertThat(result.out() + Files.readString(reports.resolve("report.html")))
          .doesNotContain(secret);
    }
  }

  @Test
  void keepsToAWithdrawnUploadListingInItsCleanupToo() throws Exception {
    // A store without ListMultipartUploads: every listing of uploads is answered 501.
    String secret = "TCK-OSS-CANARY-SECRET-9c4d";
    try (OssServer server =
        OssServer.builder().credentials("LTAITCKTEST0000002", secret).build().start()) {
      server.createBucket("tck-bucket");
      server
          .faults()
          .inject(
              Fault.error(501, "NotImplemented")
                  .on(OssOperation.LIST_MULTIPART_UPLOADS)
                  .times(Integer.MAX_VALUE));
      Path overrides = temp.resolve("overrides.txt");
      Files.writeString(overrides, "LIST_MULTIPART_UPLOADS\n");
      Path reports = temp.resolve("reports");

      List<String> args = ossOptions(server);
      args.addAll(
          List.of(
              "tck",
              "-q",
              "--capability-overrides",
              overrides.toString(),
              "--report-dir",
              reports.toString(),
              "oss://tck-bucket/"));

      Result result = run(args);

      assertThat(result.code()).as(result.out() + result.err()).isZero();
      assertThat(server.faults().fired(OssOperation.LIST_MULTIPART_UPLOADS))
          .as("upload listings the run sent though it withdrew them")
          .isZero();
      ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
      assertThat(report.summary().failed()).isZero();
      assertThat(verdict(report, "listingUploadsFailsTypedWhenNotDeclared")).isEqualTo("passed");
    }
  }

  @Test
  void failsADeclaredCapabilityThatDoesNotHoldAndAStoreTheCommandsCannotOpen() throws Exception {
    // A third party's plug-in that declares CONDITIONAL_CREATE (the filesystem's capabilities)
    // but drops the flag on every write, and that takes the location's path for its root
    // directory, so it cannot be opened at a bucket as the commands open it.
    String source = "liar.LiarProvider";
    Path plugins = temp.resolve("plugins");
    new PluginJar()
        // the file provider's jar, and provider-support, which Maven gives a build that uses it
        .classPath(jarOf(Providers.load(getClass().getClassLoader()).provider("file").getClass()))
        .classPath(jarOf(DescribedProvider.class))
        .source(
            source,
            "package liar;",
            "import dev.stowage.api.*;",
            "public final class LiarProvider implements StorageProvider {",
            "  public String scheme() { return \"liar\"; }",
            "  public String description() { return \"declares create-only, ignores it\"; }",
            "  public ObjectStore open(StorageLocation location, ProviderConfig config) {",
            "    if (location.path().isEmpty()) {",
            "      throw new InvalidConfigException(",
            "          ErrorContext.of(StorageOperation.OPEN, location), \"no root directory\");",
            "    }",
            "    ObjectStore store = new dev.stowage.provider.filesystem.FilesystemStorageProvider()",
            "        .open(StorageLocation.parse(\"file:///\" + location.path()), config);",
            "    return (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(",
            "        getClass().getClassLoader(), new Class<?>[] {ObjectStore.class},",
            "        (proxy, method, args) -> {",
            "          if (method.getName().equals(\"put\")) {",
            "            args[2] = ((WriteOptions) args[2]).toBuilder().createOnly(false).build();",
            "          }",
            "          try {",
            "            return method.invoke(store, args);",
            "          } catch (java.lang.reflect.InvocationTargetException e) {",
            "            throw e.getCause();",
            "          }",
            "        });",
            "  }",
            "}")
        .provider(source)
        .writeTo(plugins.resolve("liar.jar"));
    ClassLoader loader = getClass().getClassLoader();
    ProviderCatalog catalog =
        ProviderCatalog.load(loader, Plugins.classLoaders(loader, plugins.toString(), null));
    Path store = Files.createDirectories(temp.resolve("store"));
    Path reports = temp.resolve("reports");
    StringWriter out = new StringWriter();

    int code =
        Stowage.run(
            catalog,
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "-o",
            "file.fsync=false",
            "tck",
            "-q",
            "--report-dir",
            reports.toString(),
            "liar://b" + store);

    assertThat(code).as(out.toString()).isEqualTo(Stowage.FAILURE);
    ComplianceReport report = ComplianceReport.readJson(reports.resolve("report.json"));
    assertThat(report.passed()).isFalse();
    assertThat(report.provider().origin()).contains("liar.jar");
    assertThat(verdict(report, "createOnlyRefusesAnExistingKeyAndKeepsIt")).isEqualTo("failed");
    assertThat(report.cases())
        .filteredOn(c -> c.name().equals("createOnlyRefusesAnExistingKeyAndKeepsIt"))
        .singleElement()
        .extracting(ComplianceReport.Case::reason, as(InstanceOfAssertFactories.STRING))
        .as("what the report says of the failed case")
        .contains("a second create-only put of", "nothing was thrown")
        .contains("Promise: With CONDITIONAL_CREATE", "Hint: ");
    assertThat(levelVerdict(report, "conditional")).isEqualTo("fails");
    assertThat(levelVerdict(report, "core")).isEqualTo("conforms");
    assertThat(out.toString())
        .contains("failed: createOnlyRefusesAnExistingKeyAndKeepsIt", "FAILED");
    assertThat(verdict(report, CommandSmoke.NAME)).isEqualTo("failed");
    assertThat(levelVerdict(report, CommandSmoke.LEVEL)).isEqualTo("fails");
    assertThat(report.cases())
        .filteredOn(c -> c.name().equals(CommandSmoke.NAME))
        .singleElement()
        .extracting(ComplianceReport.Case::reason, as(InstanceOfAssertFactories.STRING))
        .contains("no root directory")
        .contains("The commands open a remote location at its bucket");
  }

  /** The -o options that reach an oss-server with its credentials. */
  private static List<String> ossOptions(OssServer server) {
    List<String> args = new ArrayList<>();
    OssServerOptions.of(server)
        .forEach((key, value) -> args.addAll(List.of("-o", key + "=" + value)));
    return args;
  }

  private static String verdict(ComplianceReport report, String caseName) {
    return report.cases().stream()
        .filter(c -> c.name().equals(caseName))
        .map(ComplianceReport.Case::verdict)
        .reduce((a, b) -> a + "," + b)
        .orElse("no such case");
  }

  private static String levelVerdict(ComplianceReport report, String level) {
    return report.levels().stream()
        .filter(l -> l.name().equals(level))
        .map(ComplianceReport.Level::verdict)
        .findFirst()
        .orElse("no such level");
  }

  private static Path jarOf(Class<?> type) throws java.net.URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void refusesBadInputInOneLineBeforeAnyIo() throws Exception {
    Result scheme = run(List.of("tck", "nope://bucket/x"));
    assertThat(scheme.code()).isEqualTo(Stowage.USAGE);
    assertThat(scheme.err()).contains("no provider for the scheme 'nope'").doesNotContain("\tat ");

    Result missingFile =
        run(List.of("tck", "--capability-overrides", temp.resolve("absent").toString(), "/tmp"));
    assertThat(missingFile.code()).isEqualTo(Stowage.USAGE);
    assertThat(missingFile.err()).contains("is not a readable file");

    Path overrides = temp.resolve("bad-overrides");
    Files.writeString(overrides, "MULTIPART, TELEPORT\n");
    Result unknown = run(List.of("tck", "--capability-overrides", overrides.toString(), "/tmp"));
    assertThat(unknown.code()).isEqualTo(Stowage.USAGE);
    assertThat(unknown.err())
        .contains(overrides.toString(), "'TELEPORT' is neither a capability")
        .doesNotContain("\tat ");

    Result option = run(List.of("-o", "file.no-such-option=1", "tck", temp.toUri().toString()));
    assertThat(option.code()).isEqualTo(Stowage.USAGE);
    assertThat(option.err()).contains("file.no-such-option");
  }

  private static void assertPassedAndConsistent(ComplianceReport report, String scheme) {
    assertThat(report.passed()).isTrue();
    assertThat(report.provider().scheme()).isEqualTo(scheme);
    assertThat(report.stowageVersion()).isNotBlank();
    assertThat(report.runFailures()).isEmpty();
    ComplianceReport.Summary summary = report.summary();
    assertThat(summary.total()).isEqualTo(report.cases().size()).isGreaterThan(40);
    assertThat(summary.failed()).isZero();
    assertThat(summary.passed() + summary.skipped()).isEqualTo(summary.total());
    assertThat(report.cases())
        .allSatisfy(
            c -> {
              assertThat(c.verdict()).isIn("passed", "skipped");
              if (c.verdict().equals("skipped")) {
                assertThat(c.reason()).as("the reason " + c.name() + " was skipped").isNotBlank();
              }
            });
    assertThat(report.levels())
        .extracting(ComplianceReport.Level::name)
        .contains("core", "multipart", "conditional", "metadata");
    assertThat(levelVerdict(report, "core")).isEqualTo("conforms");
    assertThat(verdict(report, CommandSmoke.NAME)).isEqualTo("passed");
  }

  private static void assertHtmlShowsTheMatrix(Path html, ComplianceReport report)
      throws Exception {
    Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
    Element cases = byId(page, "cases");
    NodeList rows = cases.getElementsByTagName("tr");
    assertThat(rows.getLength())
        .as("a header and a row per case")
        .isEqualTo(report.cases().size() + 1);
    String text = page.getDocumentElement().getTextContent();
    assertThat(text)
        .contains(report.provider().className(), report.stowageVersion(), "PASSED")
        .contains("roundTripsContentByteForByte", "conforms", "skipped");
    assertThat(byId(page, "capabilities").getTextContent()).contains("MULTIPART", "declared");
    assertThat(byId(page, "levels").getElementsByTagName("tr").getLength())
        .isEqualTo(report.levels().size() + 1);
  }

  private static void assertJunitXmlCounts(Path directory, ComplianceReport report)
      throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.toString().endsWith(".xml")).toList();
    }
    assertThat(files).hasSize(1);
    Document xml =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(0).toFile());
    Element suite = xml.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    // the commands' smoke runs after the kit, outside JUnit: in the reports, not in its XML
    assertThat(Integer.parseInt(suite.getAttribute("tests")))
        .isEqualTo(report.summary().total() - 1);
    assertThat(Integer.parseInt(suite.getAttribute("skipped")))
        .isEqualTo(report.summary().skipped());
    assertThat(Integer.parseInt(suite.getAttribute("failures"))).isZero();
  }

  private static Element byId(Document page, String id) {
    NodeList all = page.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (id.equals(element.getAttribute("id"))) {
        return element;
      }
    }
    throw new AssertionError("no element with id " + id);
  }
}
