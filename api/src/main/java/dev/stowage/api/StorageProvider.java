package dev.stowage.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A storage backend, found through {@link java.util.ServiceLoader}: a scheme, a description, the
 * options it understands, and a factory for {@link ObjectStore}s.
 *
 * <p>Implementations are public, have a public no-argument constructor that does nothing (no
 * client, no I/O: every provider on the class path is instantiated to find one), are thread-safe,
 * and are registered in {@code META-INF/services/dev.stowage.api.StorageProvider}, for instance
 * with {@code @AutoService(StorageProvider.class)}.
 */
public interface StorageProvider {
  /**
   * Returns the URI scheme this provider serves, lower-case, such as {@code s3}.
   *
   * @return the scheme
   */
  String scheme();

  /**
   * Returns a one-line description for {@code stowage providers}.
   *
   * @return the description
   */
  String description();

  /**
   * Returns the options this provider understands, each with its key, description and default.
   *
   * @return the options; empty by default
   */
  default List<ConfigOption> options() {
    return List.of();
  }

  /**
   * Returns the option keys whose values are secrets, masked wherever options are shown.
   *
   * @return the keys; by default those of the {@link ConfigOption#isSecret() secret} options
   */
  default Set<String> secretKeys() {
    return options().stream()
        .filter(ConfigOption::isSecret)
        .map(ConfigOption::key)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Returns the ways this provider can put a request body on the wire, for {@code stowage probe} to
   * try each against a live store: a name per way and the options that select it. A provider whose
   * stores might keep a framing as body bytes (S3's {@code aws-chunked}) names its framed and plain
   * ways, so a probe finds the one the store keeps exactly.
   *
   * @return names to options, in the order to try them; empty by default (one way, the defaults)
   */
  default Map<String, Map<String, String>> bodyEncodings() {
    return Map.of();
  }

  /**
   * Returns the other ways this provider can send an operation, for {@code stowage probe} to try
   * when the default fails on a store: a name per way and the options that select it. A provider
   * whose servers differ in what they answer names them: S3 lists with the original ListObjects
   * ({@link StorageOperation#LIST}) for servers without ListObjectsV2, and sends a Content-MD5 on a
   * batch delete ({@link StorageOperation#DELETE}) for servers that require one.
   *
   * @param operation the operation
   * @return names to options, in the order to try them; empty by default
   */
  default Map<String, Map<String, String>> variants(StorageOperation operation) {
    return Map.of();
  }

  /**
   * Opens a store. Parses and checks all options first, so a bad option fails before any I/O.
   *
   * @param location a location of this provider's scheme
   * @param config the options, including the location's parameters as {@code scheme.name}
   * @return the store; the caller closes it
   * @throws InvalidConfigException if the location or an option is invalid, naming which and how to
   *     fix it
   * @throws StorageException if the store cannot be reached
   */
  ObjectStore open(StorageLocation location, ProviderConfig config);
}
