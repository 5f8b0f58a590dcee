package dev.stowage.cli;

import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named remotes from a config file, and provider options from the environment. A remote is a
 * section of the file:
 *
 * <pre>
 * [backup]
 * location = oss://my-bucket/nightly/
 * endpoint = https://oss-cn-hangzhou.aliyuncs.com
 * access-key-id = ...
 * </pre>
 *
 * so that {@code backup:db/} means {@code oss://my-bucket/nightly/db/} and each other line is the
 * option {@code oss.NAME}. The file may hold a secret only if its owner alone can read it. An
 * environment variable {@code STOWAGE_<SCHEME>_<NAME>} (such as {@code STOWAGE_OSS_ENDPOINT}) sets
 * {@code scheme.name} with {@code _} read as {@code -}. An {@code -o} option wins over the
 * environment, which wins over the file.
 */
final class Remotes {
  static final String CONFIG_VARIABLE = "STOWAGE_CONFIG";
  private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z][A-Za-z0-9_-]*)]");
  private static final Pattern REMOTE_ARGUMENT =
      Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):(?!//)(.*)", Pattern.DOTALL);

  /** One remote: where it is, and the options of its scheme it carries. */
  record Remote(String name, String location, Map<String, String> options) {}

  private final Map<String, Remote> remotes;

  private Remotes(Map<String, Remote> remotes) {
    this.remotes = remotes;
  }

  static Remotes none() {
    return new Remotes(Map.of());
  }

  /**
   * Reads the config file: {@code --config FILE} if given, else {@code $STOWAGE_CONFIG}, else
   * {@code ~/.config/stowage/stowage.conf} if it exists.
   */
  static Remotes load(
      Path given, Map<String, String> environment, Collection<StorageProvider> providers) {
    Path file = given;
    if (file == null && environment.get(CONFIG_VARIABLE) != null) {
      file = Path.of(environment.get(CONFIG_VARIABLE));
    }
    if (file == null) {
      Path home = Path.of(System.getProperty("user.home"), ".config", "stowage", "stowage.conf");
      if (!Files.isRegularFile(home)) {
        return none();
      }
      file = home;
    }
    return parse(file, providers);
  }

  private static Remotes parse(Path file, Collection<StorageProvider> providers) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Stowage.CliException.usage(
          "the config file " + file + " cannot be read (" + e.getMessage() + ").");
    }
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        current = sections.computeIfAbsent(section.group(1), name -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq <= 0) {
        throw Stowage.CliException.usage(
            "line "
                + number
                + " of the config file "
                + file
                + " is neither [remote] nor NAME = VALUE under one.");
      }
      current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    Map<String, Remote> remotes = new LinkedHashMap<>();
    boolean holdsSecret = false;
    for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
      Map<String, String> values = new LinkedHashMap<>(section.getValue());
      String location = values.remove("location");
      if (location == null) {
        throw Stowage.CliException.usage(
            "the remote ["
                + section.getKey()
                + "] in "
                + file
                + " has no 'location = SCHEME://BUCKET/PREFIX' line.");
      }
      String scheme = StorageLocation.parse(location).scheme();
      Map<String, String> options = new LinkedHashMap<>();
      for (Map.Entry<String, String> value : values.entrySet()) {
        String key = scheme + "." + value.getKey();
        options.put(key, value.getValue());
        holdsSecret |= isSecret(key, providers);
      }
      remotes.put(section.getKey(), new Remote(section.getKey(), location, options));
    }
    if (holdsSecret && !ownerOnly(file)) {
      throw Stowage.CliException.usage(
          "the config file "
              + file
              + " holds a secret but others can read it. Make it yours"
              + " alone (chmod 600 "
              + file
              + "), or give the secret through the environment.");
    }
    return new Remotes(remotes);
  }

  /** A key a provider declares secret; any other key is refused as unknown when a store opens. */
  private static boolean isSecret(String key, Collection<StorageProvider> providers) {
    return providers.stream().anyMatch(p -> p.secretKeys().contains(key));
  }

  private static boolean ownerOnly(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.stream()
          .noneMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
    } catch (UnsupportedOperationException e) {
      return true; // no POSIX modes here: the file system's own rights apply
    } catch (IOException e) {
      return false;
    }
  }

  /** The arguments with each {@code NAME:PATH} of a known remote written as its location. */
  String[] expand(String[] arguments) {
    if (remotes.isEmpty()) {
      return arguments;
    }
    String[] expanded = arguments.clone();
    for (int i = 0; i < expanded.length; i++) {
      Matcher argument = REMOTE_ARGUMENT.matcher(expanded[i]);
      if (argument.matches() && remotes.containsKey(argument.group(1))) {
        String base = remotes.get(argument.group(1)).location();
        String rest = argument.group(2);
        expanded[i] = base + (base.endsWith("/") || rest.isEmpty() ? "" : "/") + rest;
      }
    }
    return expanded;
  }

  /** The options every remote carries, keyed {@code scheme.name}. */
  Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    remotes.values().forEach(remote -> options.putAll(remote.options()));
    return options;
  }

  /** The options set in the environment as {@code STOWAGE_<SCHEME>_<NAME>}. */
  static Map<String, String> fromEnvironment(
      Map<String, String> environment, Collection<StorageProvider> providers) {
    Map<String, String> options = new LinkedHashMap<>();
    for (StorageProvider provider : providers) {
      String prefix = "STOWAGE_" + provider.scheme().toUpperCase(Locale.ROOT) + "_";
      environment.forEach(
          (name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
              String option =
                  name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
              options.put(provider.scheme() + "." + option, value);
            }
          });
    }
    return options;
  }
}
