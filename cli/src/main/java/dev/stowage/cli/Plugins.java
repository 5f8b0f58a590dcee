package dev.stowage.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the plug-ins outside the distribution: in the directories named by {@code
 * STOWAGE_PLUGIN_PATH} (separated by the platform's path separator), or else in {@code plugins/} of
 * the installation. In such a directory each jar is a plug-in, and so is each sub-directory with
 * the jars of one provider and its libraries; a path entry may also name one jar. Each plug-in gets
 * its own {@link PluginClassLoader}.
 */
final class Plugins {
  static final String PATH_VARIABLE = "STOWAGE_PLUGIN_PATH";

  private Plugins() {}

  static List<PluginClassLoader> classLoaders(ClassLoader parent, String pluginPath, String home) {
    List<PluginClassLoader> loaders = new ArrayList<>();
    for (Path entry : entries(pluginPath, home)) {
      if (isJar(entry)) {
        loaders.add(loader(entry, List.of(entry), parent));
      } else if (Files.isDirectory(entry)) {
        for (Path plugin : children(entry)) {
          if (isJar(plugin)) {
            loaders.add(loader(plugin, List.of(plugin), parent));
          } else if (Files.isDirectory(plugin)) {
            List<Path> jars = children(plugin).stream().filter(Plugins::isJar).toList();
            if (!jars.isEmpty()) {
              loaders.add(loader(plugin, jars, parent));
            }
          }
        }
      }
    }
    return loaders;
  }

  private static List<Path> entries(String pluginPath, String home) {
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
    return entries;
  }

  private static PluginClassLoader loader(Path plugin, List<Path> jars, ClassLoader parent) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(
            "plug-in jar " + jars.get(i) + " is not a valid path", e);
      }
    }
    return new PluginClassLoader(plugin.toString(), urls, parent);
  }

  private static boolean isJar(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
  }

  private static List<Path> children(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plug-in directory " + directory, e);
    }
  }
}
