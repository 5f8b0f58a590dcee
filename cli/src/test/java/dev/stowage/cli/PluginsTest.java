package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider jars built as a third party would, then dropped into a plug-ins directory. */
class PluginsTest {
  @TempDir Path temp;

  @Test
  void findsAProviderDroppedIntoThePluginsDirectory() {
    Path home = temp.resolve("stowage-home");
    Path jar = demoJar(home.resolve("plugins/demo-provider.jar"), "demo");

    ProviderCatalog catalog = load(null, home);

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.entries())
        .extracting(entry -> entry.provider().scheme())
        .containsExactly("demo", "file", "oss", "s3");
    Run providers = run(catalog, "providers");
    assertThat(providers.code).isZero();
    assertThat(providers.out)
        .contains("demo://  A provider from demo")
        .contains("demo.DemoProvider from plug-in " + jar + " (demo-provider.jar)")
        .contains("from the distribution");
  }

  @Test
  void prefersThePluginPathVariableToTheInstallation() {
    Path elsewhere = temp.resolve("elsewhere");
    demoJar(elsewhere.resolve("demo.jar"), "demo");
    Path emptyHome = temp.resolve("home");

    assertThat(schemes(load(elsewhere.toString(), emptyHome))).contains("demo");
    assertThat(schemes(load(null, emptyHome))).doesNotContain("demo");
    assertThat(schemes(load(elsewhere.resolve("demo.jar").toString(), emptyHome)))
        .as("a path entry naming one jar")
        .contains("demo");
  }

  @Test
  void loadsTwoPluginsWithConflictingVersionsOfOneLibrarySideBySide() {
    Path plugins = temp.resolve("home/plugins");
    for (String version : List.of("1", "2")) {
      Path folder = plugins.resolve("provider-" + version);
      Path library =
          new PluginJar()
              .source(
                  "com.example.shared.Library",
                  "package com.example.shared;",
                  "public final class Library {",
                  "  public static String version() { return \"" + version + ".0\"; }",
                  "}")
              .writeTo(folder.resolve("shared-library-" + version + ".0.jar"));
      String className = "vendor" + version + ".Provider";
      new PluginJar()
          .classPath(library)
          .source(
              className,
              PluginJar.provider(
                  className,
                  "v" + version,
                  "\"built on shared-library \" + com.example.shared.Library.version()",
                  ""))
          .provider(className)
          .writeTo(folder.resolve("provider-" + version + ".jar"));
    }

    ProviderCatalog catalog = load(null, temp.resolve("home"));

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.providers().provider("v1").description())
        .isEqualTo("built on shared-library 1.0");
    assertThat(catalog.providers().provider("v2").description())
        .isEqualTo("built on shared-library 2.0");
  }

  @Test
  void skipsBrokenPluginsNamingTheirJarsAndLoadsTheRest() throws IOException {
    Path plugins = temp.resolve("home/plugins");
    Path missing =
        new PluginJar().provider("gone.MissingProvider").writeTo(plugins.resolve("missing.jar"));
    Path throwing =
        new PluginJar()
            .source(
                "bad.ThrowingProvider",
                PluginJar.provider(
                    "bad.ThrowingProvider",
                    "bad",
                    "\"never\"",
                    "  public ThrowingProvider() { throw new IllegalStateException(\"no licence"
                        + " key\"); }"))
            .provider("bad.ThrowingProvider")
            .writeTo(plugins.resolve("throwing.jar"));
    Path fileClaim = demoJar(plugins.resolve("other-file.jar"), "file");
    demoJar(plugins.resolve("a-twin.jar"), "twin");
    Path secondTwin = demoJar(plugins.resolve("b-twin.jar"), "twin");
    demoJar(plugins.resolve("good.jar"), "good");
    Path garbage = Files.writeString(plugins.resolve("garbage.jar"), "not a zip");
    Path empty = new PluginJar().writeTo(plugins.resolve("empty.jar"));

    ProviderCatalog catalog = load(null, temp.resolve("home"));

    assertThat(schemes(catalog)).containsExactly("file", "good", "oss", "s3", "twin");
    assertThat(catalog.entries())
        .filteredOn(entry -> entry.provider().scheme().equals("file"))
        .extracting(ProviderCatalog.Entry::origin)
        .allMatch(origin -> origin.startsWith("the distribution"));
    assertThat(catalog.problems())
        .hasSize(6)
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(garbage.toString(), "is not a readable jar", "is skipped"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(empty.toString(), "holds no Stowage provider", "is skipped"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(missing.toString(), "gone.MissingProvider", "is skipped"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(throwing.toString(), "throwing.jar", "no licence key", "is skipped"))
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .contains(fileClaim.toString(), "'file'", "already served by the distribution"))
        .anySatisfy(
            problem -> assertThat(problem).contains(secondTwin.toString(), "'twin'", "a-twin.jar"));

    Run providers = run(catalog, "providers");
    assertThat(providers.code).isZero();
    assertThat(providers.out).contains("Skipped plug-ins:", "throwing.jar", "good://");
    Run list = run(catalog, "ls", temp.toString());
    assertThat(list.code).isZero();
    assertThat(list.err).contains("stowage: warning: ").contains("missing.jar");
    assertThat(list.err).doesNotContain("Exception\n\tat ");
  }

  private ProviderCatalog load(String pluginPath, Path home) {
    ClassLoader distribution = getClass().getClassLoader();
    return ProviderCatalog.load(
        distribution, Plugins.classLoaders(distribution, pluginPath, home.toString()));
  }

  private static List<String> schemes(ProviderCatalog catalog) {
    return catalog.entries().stream().map(entry -> entry.provider().scheme()).toList();
  }

  private static Path demoJar(Path jar, String scheme) {
    String className = "demo" + Math.abs(jar.hashCode()) + ".DemoProvider";
    if (scheme.equals("demo")) {
      className = "demo.DemoProvider";
    }
    return new PluginJar()
        .source(
            className,
            PluginJar.provider(className, scheme, "\"A provider from " + scheme + "\"", ""))
        .provider(className)
        .writeTo(jar);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(ProviderCatalog catalog, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            catalog,
            OutputStream.nullOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            args);
    return new Run(code, out.toString(), err.toString());
  }
}
