package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Providers;
import dev.stowage.api.StorageProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider jar built as a third party would, then dropped into a plugins directory. */
class PluginsTest {
  @TempDir Path temp;

  @Test
  void findsAProviderDroppedIntoThePluginsDirectory() throws Exception {
    Path home = temp.resolve("stowage-home");
    Path jar = buildPluginJar(Files.createDirectories(home.resolve("plugins")));
    assertThat(jar).exists();

    ClassLoader loader = Plugins.classLoader(getClass().getClassLoader(), null, home.toString());

    assertThat(Providers.load(loader).all())
        .extracting(StorageProvider::scheme)
        .contains("demo", "file");
    StringWriter out = new StringWriter();
    int code =
        Stowage.run(
            loader,
            OutputStream.nullOutputStream(),
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "providers");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("demo://  A provider from a plugin jar");
  }

  @Test
  void prefersThePluginPathVariableToTheInstallation() throws Exception {
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    buildPluginJar(elsewhere);
    Path emptyHome = Files.createDirectories(temp.resolve("home"));

    ClassLoader loader =
        Plugins.classLoader(
            getClass().getClassLoader(), elsewhere.toString(), emptyHome.toString());

    assertThat(Providers.load(loader).all()).extracting(StorageProvider::scheme).contains("demo");
    assertThat(Plugins.classLoader(getClass().getClassLoader(), null, emptyHome.toString()))
        .isSameAs(getClass().getClassLoader());
  }

  private Path buildPluginJar(Path directory) throws IOException {
    Path sources =
        Files.createDirectories(temp.resolve("src-" + directory.getFileName() + "/demo"));
    Files.writeString(
        sources.resolve("DemoProvider.java"),
        String.join(
            "\n",
            "package demo;",
            "public final class DemoProvider implements dev.stowage.api.StorageProvider {",
            "  public String scheme() { return \"demo\"; }",
            "  public String description() { return \"A provider from a plugin jar\"; }",
            "  public dev.stowage.api.ObjectStore open(dev.stowage.api.StorageLocation location,",
            "      dev.stowage.api.ProviderConfig config) { throw new UnsupportedOperationException(); }",
            "}"));
    Path classes = Files.createDirectories(temp.resolve("classes-" + directory.getFileName()));
    String apiJar =
        Path.of(StorageProvider.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status =
        compiler.run(
            null,
            null,
            null,
            "-classpath",
            apiJar,
            "-d",
            classes.toString(),
            sources.resolve("DemoProvider.java").toString());
    assertThat(status).as("javac exit status").isZero();

    Path jar = directory.resolve("demo-provider.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("demo/DemoProvider.class"));
      out.write(Files.readAllBytes(classes.resolve("demo/DemoProvider.class")));
      out.putNextEntry(new JarEntry("META-INF/services/dev.stowage.api.StorageProvider"));
      out.write("demo.DemoProvider\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }
}
