package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ObjectInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which objects of a multi-object transfer take part, by their key below the transfer's prefix,
 * size and age. Globs follow rclone's: {@code *} matches within a path segment, {@code **} across
 * segments, {@code ?} one character but {@code /}, {@code [...]} a class, {@code {a,b}} either; a
 * glob starting with {@code /} matches from the prefix, any other matches the key's last segments
 * ({@code *.tmp} matches {@code a/b.tmp}). A key matched by an exclude is left out; if there are
 * includes (globs or listed keys), a key must match one. Immutable.
 */
public final class ObjectFilter {
  /** Takes every object. */
  public static final ObjectFilter ALL = builder().build();

  private final List<Pattern> includes;
  private final Set<String> includedKeys;
  private final List<Pattern> excludes;
  private final long minSize;
  private final long maxSize;
  private final Instant notBefore;

  private ObjectFilter(Builder builder) {
    this.includes = List.copyOf(builder.includes);
    this.includedKeys = Set.copyOf(builder.includedKeys);
    this.excludes = List.copyOf(builder.excludes);
    this.minSize = builder.minSize;
    this.maxSize = builder.maxSize;
    this.notBefore = builder.maxAge == null ? null : builder.clock.instant().minus(builder.maxAge);
  }

  /**
   * Returns a builder that takes every object.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether an object takes part.
   *
   * @param relativeKey its key below the transfer's prefix, with {@code /} separators
   * @param size its size in bytes
   * @param lastModified when it was last written, if known; an object of unknown age passes {@code
   *     maxAge}
   * @return true if it takes part
   */
  public boolean accepts(String relativeKey, long size, Optional<Instant> lastModified) {
    if (size < minSize || size > maxSize) {
      return false;
    }
    if (notBefore != null && lastModified.isPresent() && lastModified.get().isBefore(notBefore)) {
      return false;
    }
    for (Pattern exclude : excludes) {
      if (exclude.matcher(relativeKey).find()) {
        return false;
      }
    }
    if (includes.isEmpty() && includedKeys.isEmpty()) {
      return true;
    }
    if (includedKeys.contains(relativeKey)) {
      return true;
    }
    for (Pattern include : includes) {
      if (include.matcher(relativeKey).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells whether a listed object takes part.
   *
   * @param object the object
   * @param relativeKey its key below the transfer's prefix
   * @return true if it takes part
   */
  public boolean accepts(ObjectInfo object, String relativeKey) {
    return accepts(relativeKey, object.size(), object.lastModified());
  }

  /** Builds an {@link ObjectFilter}. */
  public static final class Builder {
    private final List<Pattern> includes = new ArrayList<>();
    private final Set<String> includedKeys = new HashSet<>();
    private final List<Pattern> excludes = new ArrayList<>();
    private long minSize;
    private long maxSize = Long.MAX_VALUE;
    private Duration maxAge;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Takes only keys that match this glob (or another include).
     *
     * @param glob the glob
     * @return this builder
     * @throws IllegalArgumentException if the glob is malformed
     */
    public Builder include(String glob) {
      includes.add(compile(glob));
      return this;
    }

    /**
     * Takes these keys, exactly (as an include would).
     *
     * @param keys keys below the transfer's prefix
     * @return this builder
     */
    public Builder includeKeys(Collection<String> keys) {
      includedKeys.addAll(keys);
      return this;
    }

    /**
     * Leaves out keys that match this glob.
     *
     * @param glob the glob
     * @return this builder
     * @throws IllegalArgumentException if the glob is malformed
     */
    public Builder exclude(String glob) {
      excludes.add(compile(glob));
      return this;
    }

    /**
     * Leaves out objects smaller than this.
     *
     * @param bytes the smallest size taken
     * @return this builder
     */
    public Builder minSize(long bytes) {
      this.minSize = bytes;
      return this;
    }

    /**
     * Leaves out objects larger than this.
     *
     * @param bytes the largest size taken
     * @return this builder
     */
    public Builder maxSize(long bytes) {
      this.maxSize = bytes;
      return this;
    }

    /**
     * Leaves out objects last written longer ago than this, measured when the filter is built.
     *
     * @param age the oldest age taken
     * @param now the clock to measure by
     * @return this builder
     */
    public Builder maxAge(Duration age, Clock now) {
      this.maxAge = requireNonNull(age, "age is null");
      this.clock = requireNonNull(now, "now is null");
      return this;
    }

    /**
     * Returns the filter.
     *
     * @return the filter
     */
    public ObjectFilter build() {
      return new ObjectFilter(this);
    }
  }

  /** The glob as a regular expression over a whole key, or its last segments. */
  static Pattern compile(String glob) {
    requireNonNull(glob, "glob is null");
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("an empty glob matches nothing; give a pattern");
    }
    boolean anchored = glob.startsWith("/");
    StringBuilder regex = new StringBuilder(anchored ? "^" : "(?:^|/)");
    int braces = 0;
    for (int i = anchored ? 1 : 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            regex.append(".*");
            i++;
          } else {
            regex.append("[^/]*");
          }
        }
        case '?' -> regex.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("the glob '" + glob + "' opens a [ it never closes");
          }
          String body = glob.substring(i + 1, end);
          regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body);
          regex.append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException(
                "the glob '" + glob + "' closes a } it never opened");
          }
          braces--;
          regex.append(')');
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 == glob.length()) {
            throw new IllegalArgumentException("the glob '" + glob + "' ends with a lone \\");
          }
          regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces > 0) {
      throw new IllegalArgumentException("the glob '" + glob + "' opens a { it never closes");
    }
    return Pattern.compile(regex.append('$').toString());
  }
}
