package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a store lives: a scheme, a bucket, a path inside it and provider parameters. Immutable.
 *
 * <p>{@link #parse(String)} accepts:
 *
 * <ul>
 *   <li>{@code file:///abs/path} and bare paths ({@code ./backups}, {@code /var/backups}), which
 *       mean the {@code file} scheme with an absolute, normalised path;
 *   <li>{@code s3://bucket/prefix?region=eu-west-1&endpoint=https://minio:9000};
 *   <li>{@code oss://bucket/prefix?region=cn-hangzhou} and {@code
 *       oss://bucket.oss-REGION[-internal].aliyuncs.com/prefix}, where the host form sets the
 *       {@code region} and {@code endpoint} parameters unless they are given;
 *   <li>{@code scheme://bucket/path?k=v} for any other scheme a provider registers.
 * </ul>
 *
 * <p>The path is taken literally (no percent-decoding, so keys with {@code %} or spaces work);
 * {@code ?} starts the query, whose values are percent-decoded. Credentials in the URI ({@code
 * s3://AK:SK@bucket}) are refused: the provider's options or environment carry them. Parameters
 * whose name suggests a secret (key, secret, token, password, signature, credential) are shown as
 * {@code ****} by {@link #toString()}, and so in every message that names a location.
 */
public final class StorageLocation {
  /** The scheme of the embedded filesystem provider, and of bare paths. */
  public static final String FILE_SCHEME = "file";

  private static final Pattern URI_FORM =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?]*)([^?]*)(?:\\?(.*))?", Pattern.DOTALL);
  private static final Pattern OSS_HOST =
      Pattern.compile(
          "([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\\.(oss-([a-z0-9-]+?)(-internal)?\\.aliyuncs\\.com)");
  private static final Set<String> SECRET_WORDS =
      Set.of("key", "secret", "token", "password", "passwd", "signature", "credential");
  private static final String REDACTED = "****";

  private final String scheme;
  private final String bucket;
  private final String path;
  private final Map<String, String> parameters;

  private StorageLocation(
      String scheme, String bucket, String path, Map<String, String> parameters) {
    this.scheme = scheme;
    this.bucket = bucket;
    this.path = path;
    this.parameters = Map.copyOf(parameters);
  }

  /**
   * Parses a location.
   *
   * @param text a URI or a bare path
   * @return the location
   * @throws InvalidConfigException if the text is empty, malformed, carries credentials, or lacks a
   *     bucket where the scheme needs one; the message quotes the input with secrets redacted
   */
  public static StorageLocation parse(String text) {
    requireNonNull(text, "text is null");
    if (text.isBlank()) {
      throw invalid(
          "''", "the location is empty. Give a path or a URI such as s3://bucket/prefix.");
    }
    Matcher uri = URI_FORM.matcher(text);
    if (!uri.matches()) {
      return ofPath(text);
    }
    String scheme = uri.group(1).toLowerCase(Locale.ROOT);
    String authority = uri.group(2);
    String rawPath = uri.group(3);
    Map<String, String> parameters = parseQuery(scheme, authority, uri.group(4));
    if (authority.contains("@")) {
      throw invalid(
          scheme + "://****@" + authority.substring(authority.lastIndexOf('@') + 1),
          "credentials in a location are refused, because locations are printed and logged."
              + " Pass them as provider options or through the environment.");
    }
    if (scheme.equals(FILE_SCHEME)) {
      if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
        throw invalid(
            "file://" + authority + rawPath,
            "a file location names no host. Write file:///absolute/path (three slashes).");
      }
      StorageLocation location = ofPath(rawPath.isEmpty() ? "/" : rawPath);
      return new StorageLocation(FILE_SCHEME, "", location.path, parameters);
    }
    String bucket = authority;
    if (scheme.equals("oss")) {
      Matcher host = OSS_HOST.matcher(authority);
      if (host.matches()) {
        bucket = host.group(1);
        parameters = new LinkedHashMap<>(parameters);
        parameters.putIfAbsent("region", host.group(3));
        parameters.putIfAbsent("endpoint", host.group(2));
      }
    }
    if (bucket.isEmpty() && (scheme.equals("s3") || scheme.equals("oss"))) {
      throw invalid(
          redact(scheme, bucket, stripSlash(rawPath), parameters, name -> false),
          "the location names no bucket. Write " + scheme + "://BUCKET/prefix.");
    }
    return new StorageLocation(scheme, bucket, stripSlash(rawPath), parameters);
  }

  /**
   * Returns a file location for a local path, made absolute and normalised.
   *
   * @param path the path
   * @return the location
   */
  public static StorageLocation of(Path path) {
    return new StorageLocation(
        FILE_SCHEME, "", path.toAbsolutePath().normalize().toString(), Map.of());
  }

  private static StorageLocation ofPath(String text) {
    try {
      return of(Path.of(text));
    } catch (InvalidPathException e) {
      throw invalid(
          "'" + Keys.printable(text) + "'",
          "it is not a valid local path ("
              + e.getReason()
              + "). Give a path or a URI such as s3://bucket/prefix.");
    }
  }

  private static String stripSlash(String rawPath) {
    return rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
  }

  private static Map<String, String> parseQuery(String scheme, String authority, String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid(
            scheme + "://" + authority + "?…",
            "the query has a malformed %-escape. Escape '%' as %25.");
      }
      if (parameters.putIfAbsent(name, value) != null) {
        throw invalid(
            scheme + "://" + authority + "?…",
            "the query names '" + name + "' twice. Give each parameter once.");
      }
    }
    return parameters;
  }

  private static InvalidConfigException invalid(String shown, String reason) {
    return new InvalidConfigException(ErrorContext.of(StorageOperation.OPEN, shown), reason);
  }

  /**
   * Tells whether a parameter or option name suggests a secret, so its value must be masked.
   *
   * @param name a parameter or option name such as {@code s3.secret-access-key}
   * @return true if its value must never be shown
   */
  static boolean isSensitiveName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the scheme, lower-case, such as {@code s3} or {@code file}.
   *
   * @return the scheme
   */
  public String scheme() {
    return scheme;
  }

  /**
   * Returns the bucket (the URI's authority), or an empty string for {@code file} locations.
   *
   * @return the bucket
   */
  public String bucket() {
    return bucket;
  }

  /**
   * Returns the path: for {@code file}, an absolute normalised local path; otherwise the prefix
   * inside the bucket, without a leading {@code /} (possibly empty, possibly ending with {@code
   * /}).
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the query parameters, decoded, in no particular order.
   *
   * @return the parameters
   */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * Returns one query parameter.
   *
   * @param name its name
   * @return its value
   */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(requireNonNull(name, "name is null")));
  }

  /**
   * Returns the local directory this location names, for a location on this machine's file system
   * (a path, or a {@code file:} URI): what a command that reads or writes local files needs.
   *
   * @return the absolute path; empty for a location of a remote store
   */
  public Optional<Path> localPath() {
    return isLocal() ? Optional.of(Path.of(path)) : Optional.empty();
  }

  private boolean isLocal() {
    return scheme.equals(FILE_SCHEME);
  }

  /**
   * Returns the same location with another path.
   *
   * @param newPath for {@code file}, a local path (made absolute); otherwise a prefix in the bucket
   * @return the new location
   */
  public StorageLocation withPath(String newPath) {
    requireNonNull(newPath, "newPath is null");
    if (isLocal()) {
      return new StorageLocation(
          scheme, bucket, ofPath(newPath.isEmpty() ? "/" : newPath).path, parameters);
    }
    return new StorageLocation(scheme, bucket, stripSlash(newPath), parameters);
  }

  /**
   * Returns the redacted URI form: secret parameter values are {@code ****}.
   *
   * @return the location as text, safe to print and log
   */
  @Override
  public String toString() {
    return redact(scheme, bucket, path, parameters, name -> false);
  }

  /** As {@link #toString()}, with the parameters named by {@code alsoSecret} masked too. */
  String toString(java.util.function.Predicate<String> alsoSecret) {
    return redact(scheme, bucket, path, parameters, alsoSecret);
  }

  private static String redact(
      String scheme,
      String bucket,
      String path,
      Map<String, String> parameters,
      java.util.function.Predicate<String> alsoSecret) {
    StringBuilder text = new StringBuilder(scheme).append("://").append(bucket);
    if (!path.startsWith("/")) {
      text.append('/');
    }
    text.append(path);
    String separator = "?";
    for (Map.Entry<String, String> parameter : new java.util.TreeMap<>(parameters).entrySet()) {
      text.append(separator).append(parameter.getKey()).append('=');
      boolean secret = isSensitiveName(parameter.getKey()) || alsoSecret.test(parameter.getKey());
      text.append(secret ? REDACTED : parameter.getValue());
      separator = "&";
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StorageLocation that
        && scheme.equals(that.scheme)
        && bucket.equals(that.bucket)
        && path.equals(that.path)
        && parameters.equals(that.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, bucket, path, parameters);
  }
}
