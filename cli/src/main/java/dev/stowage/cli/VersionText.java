package dev.stowage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version the build wrote into the jar. */
final class VersionText implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    return lines();
  }

  /**
   * Whether the arguments ask for the version and nothing else, which {@code main} answers before
   * it loads a provider, a plug-in or the command line's model: start-up is most of that command's
   * time.
   */
  static boolean onlyAsked(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  static String[] lines() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Stowage.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
      "stowage " + properties.getProperty("version", "unknown"),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
