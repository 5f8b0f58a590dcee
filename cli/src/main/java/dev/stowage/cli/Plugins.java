package dev.stowage.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds provider jars outside the distribution: in the directories or jars named by {@code
 * STOWAGE_PLUGIN_PATH} (separated by the platform's path separator), or else in {@code plugins/} of
 * the installation.
 */
final class Plugins {
  static final String PATH_VARIABLE = "STOWAGE_PLUGIN_PATH";

  private Plugins() {}

  static ClassLoader classLoader(ClassLoader parent, String pluginPath, String home) {
    List<Path> entries = new ArrayList<>();
    if (pluginPath != null && !pluginPath.isBlank()) {
      for (String entry : pluginPath.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(Path.of(entry));
        }
      }
    } else if (home != null && !home.isBlank()) {
      entries.add(Path.of(home, "plugins"));
    }
    List<URL> jars = new ArrayList<>();
    for (Path entry : entries) {
      jars.addAll(jarsIn(entry));
    }
    return jars.isEmpty()
        ? parent
        : new URLClassLoader("stowage-plugins", jars.toArray(URL[]::new), parent);
  }

  private static List<URL> jarsIn(Path entry) {
    List<URL> jars = new ArrayList<>();
    try {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.list(entry)) {
          for (Path file :
              (Iterable<Path>)
                  files.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
            jars.add(file.toUri().toURL());
          }
        }
      } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
        jars.add(entry.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("plugin path entry " + entry + " is not a valid path", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugin directory " + entry, e);
    }
    return jars;
  }
}
