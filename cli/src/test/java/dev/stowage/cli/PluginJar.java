package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.StorageProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles Java sources and packs them into a jar, as a third party's build would. */
final class PluginJar {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<Path> classPath = new ArrayList<>();
  private final List<String> providers = new ArrayList<>();

  PluginJar source(String className, String... lines) {
    sources.put(className, String.join("\n", lines));
    return this;
  }

  /** A provider class named in META-INF/services, which need not exist. */
  PluginJar provider(String className) {
    providers.add(className);
    return this;
  }

  PluginJar classPath(Path jar) {
    classPath.add(jar);
    return this;
  }

  Path writeTo(Path jar) {
    try {
      Path work = Files.createTempDirectory("stowage-plugin-build-");
      Path src = Files.createDirectories(work.resolve("src"));
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> args = new ArrayList<>();
      List<Path> path = new ArrayList<>(classPath);
      path.add(apiJar());
      args.add("-classpath");
      args.add(String.join(java.io.File.pathSeparator, path.stream().map(Path::toString).toList()));
      args.add("-d");
      args.add(classes.toString());
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      if (!sources.isEmpty()) {
        int status =
            ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(status).as("javac exit status").isZero();
      }
      Files.createDirectories(jar.getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
          Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(file));
        }
        if (!providers.isEmpty()) {
          out.putNextEntry(new JarEntry("META-INF/services/" + StorageProvider.class.getName()));
          out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A provider class whose description is the given Java expression. */
  static String[] provider(String className, String scheme, String description, String body) {
    int dot = className.lastIndexOf('.');
    return new String[] {
      "package " + className.substring(0, dot) + ";",
      "public final class "
          + className.substring(dot + 1)
          + " implements dev.stowage.api.StorageProvider {",
      body,
      "  public String scheme() { return \"" + scheme + "\"; }",
      "  public String description() { return " + description + "; }",
      "  public dev.stowage.api.ObjectStore open(dev.stowage.api.StorageLocation location,",
      "      dev.stowage.api.ProviderConfig config) { throw new UnsupportedOperationException(); }",
      "}"
    };
  }

  private static Path apiJar() {
    try {
      return Path.of(
          StorageProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
