package dev.stowage.cli;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plug-in: its own jars first, so two plug-ins may bring different versions
 * of one library, as Kafka Connect's plugin path does. The JDK, the Stowage API and the SLF4J API
 * always come from the distribution, so a plug-in's provider is the type the command expects and
 * its logs go where the command's go.
 */
final class PluginClassLoader extends URLClassLoader {
  private static final List<String> SHARED_PACKAGES = List.of("dev.stowage.api.", "org.slf4j.");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final String plugin;

  PluginClassLoader(String plugin, URL[] jars, ClassLoader parent) {
    super("stowage-plugin " + plugin, jars, parent);
    this.plugin = plugin;
  }

  /** The plug-in's jar or directory, as the user named it. */
  String plugin() {
    return plugin;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = sharedOrPlatform(name);
      }
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
          loaded = getParent().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> sharedOrPlatform(String name) throws ClassNotFoundException {
    for (String shared : SHARED_PACKAGES) {
      if (name.startsWith(shared)) {
        return getParent().loadClass(name);
      }
    }
    try {
      return getPlatformClassLoader().loadClass(name);
    } catch (ClassNotFoundException notInTheJdk) {
      return null;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    all.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(all);
  }
}
