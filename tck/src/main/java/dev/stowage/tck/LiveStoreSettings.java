package dev.stowage.tck;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which live store a compliance run targets, with the provider options and capability overrides it
 * needs. The JUnit kit reads it {@link #fromEnvironment() from the environment}; {@code stowage
 * tck} builds it from its command line. Immutable.
 *
 * @param uri the location under which the run makes its random root, such as {@code
 *     s3://bucket/tck}
 * @param options provider options, keyed either as the provider names them ({@code s3.region}) or
 *     as an environment variable would ({@code S3_REGION})
 * @param overrides capabilities withdrawn for the run
 */
public record LiveStoreSettings(
    String uri, Map<String, String> options, CapabilityOverrides overrides) {
  /** The variable (and, lower-case with dots, system property) naming the live store. */
  public static final String URI_VARIABLE = "STOWAGE_TCK_URI";

  /** The variable listing the capabilities to withdraw, see {@link CapabilityOverrides}. */
  public static final String OVERRIDES_VARIABLE = "STOWAGE_TCK_CAPABILITY_OVERRIDES";

  private static final String PREFIX = "STOWAGE_TCK_";

  /**
   * Copies the options.
   *
   * @param uri see the record description
   * @param options see the record description
   * @param overrides see the record description
   */
  public LiveStoreSettings {
    requireNonNull(uri, "uri is null");
    options = Map.copyOf(options);
    requireNonNull(overrides, "overrides is null");
  }

  /**
   * Reads the settings of the JUnit kit: the store from the system property {@code
   * stowage.tck.uri}, else the variable {@code STOWAGE_TCK_URI}, else that line of a {@code .env}
   * file in the working directory; each provider option from a {@code STOWAGE_TCK_<OPTION>}
   * variable or {@code .env} line, such as {@code STOWAGE_TCK_S3_REGION} for {@code s3.region};
   * overrides from {@code STOWAGE_TCK_CAPABILITY_OVERRIDES}. Variables win over {@code .env}.
   *
   * @return the settings, or empty if no store is named
   * @throws IllegalArgumentException if the {@code .env} file or an override is malformed
   */
  public static Optional<LiveStoreSettings> fromEnvironment() {
    return resolve(System::getProperty, System.getenv(), Path.of(".env"));
  }

  static Optional<LiveStoreSettings> resolve(
      UnaryOperator<String> systemProperties, Map<String, String> environment, Path dotEnv) {
    Map<String, String> variables = new LinkedHashMap<>(readDotEnv(dotEnv));
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)) {
            variables.put(name, value);
          }
        });
    String uri = systemProperties.apply("stowage.tck.uri");
    if (uri == null || uri.isBlank()) {
      uri = variables.get(URI_VARIABLE);
    }
    if (uri == null || uri.isBlank()) {
      return Optional.empty();
    }
    CapabilityOverrides overrides =
        variables.containsKey(OVERRIDES_VARIABLE)
            ? CapabilityOverrides.parse(variables.get(OVERRIDES_VARIABLE), OVERRIDES_VARIABLE)
            : CapabilityOverrides.none();
    Map<String, String> options = new LinkedHashMap<>();
    variables.forEach(
        (name, value) -> {
          if (!name.equals(URI_VARIABLE) && !name.equals(OVERRIDES_VARIABLE)) {
            options.put(name.substring(PREFIX.length()), value);
          }
        });
    return Optional.of(new LiveStoreSettings(uri.strip(), options, overrides));
  }

  private static Map<String, String> readDotEnv(Path file) {
    Map<String, String> variables = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return variables;
    }
    try {
      int number = 0;
      for (String line : Files.readAllLines(file)) {
        number++;
        String content = line.strip();
        if (content.isEmpty() || content.startsWith("#")) {
          continue;
        }
        if (content.startsWith("export ")) {
          content = content.substring("export ".length()).strip();
        }
        int equals = content.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException(
              file.toAbsolutePath() + " line " + number + " is not NAME=VALUE");
        }
        String name = content.substring(0, equals).strip();
        String value = unquote(content.substring(equals + 1).strip());
        if (name.startsWith(PREFIX)) {
          variables.put(name, value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
    return variables;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /**
   * Returns the settings without option values, which may be secrets.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "LiveStoreSettings[uri="
        + uri
        + ", options="
        + options.keySet()
        + ", overrides="
        + overrides.describe()
        + "]";
  }
}
