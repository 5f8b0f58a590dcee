package dev.stowage.cli;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.Capability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code stowage probe --write FILE} found of a store, as JSON: the provider options that make
 * it safe to use, the capabilities to treat as absent, and the findings as evidence. {@code -o
 * SCHEME.quirks=FILE} applies one to every store of the scheme; options given with {@code -o} win
 * over the profile's. Holds no secret: the location and the options the probe recommends only.
 *
 * @param scheme the provider's scheme
 * @param location the probed location
 * @param options provider options to apply, each {@code SCHEME.NAME}
 * @param withdraw capabilities the provider declares that the store does not have
 * @param findings what each probe found
 */
record QuirksProfile(
    String scheme,
    String location,
    Map<String, String> options,
    List<String> withdraw,
    List<StoreProbe.Finding> findings) {

  /** The option naming a profile: {@code SCHEME.quirks}. */
  static final String OPTION = "quirks";

  QuirksProfile {
    requireNonNull(scheme, "scheme is null");
    requireNonNull(location, "location is null");
    options = Map.copyOf(options == null ? Map.of() : options);
    withdraw = List.copyOf(withdraw == null ? List.of() : withdraw);
    findings = List.copyOf(findings == null ? List.of() : findings);
  }

  void write(Path file) throws IOException {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.write(file, mapper.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a profile and checks it belongs to the scheme and names only its options and known
   * capabilities.
   */
  static QuirksProfile read(Path file, String scheme) {
    String where = scheme + "." + OPTION + "=" + file;
    QuirksProfile profile;
    try {
      profile = JsonMapper.builder().build().readValue(Files.readString(file), QuirksProfile.class);
    } catch (IOException | JacksonException e) {
      // the parser's message quotes the text it choked on, which may be a secret if the option
      // names the wrong file: say only where
      String at =
          e instanceof JacksonException json && json.getLocation() != null
              ? " at line "
                  + json.getLocation().getLineNr()
                  + ", column "
                  + json.getLocation().getColumnNr()
              : "";
      throw Stowage.CliException.usage(
          where
              + " is not a readable profile (no JSON of the form 'stowage probe --write' saves"
              + at
              + "). Write one with 'stowage probe --write FILE'.");
    }
    if (!profile.scheme().equals(scheme)) {
      throw Stowage.CliException.usage(
          where + " is a profile of '" + profile.scheme() + "' stores, not '" + scheme + "'.");
    }
    for (String key : profile.options().keySet()) {
      if (!key.startsWith(scheme + ".") || key.equals(scheme + "." + OPTION)) {
        throw Stowage.CliException.usage(
            where + " sets '" + key + "', which is no option of '" + scheme + "' it may set.");
      }
    }
    profile.capabilities(where);
    return profile;
  }

  /** The withdrawn capabilities. */
  Set<Capability> capabilities(String where) {
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    for (String name : withdraw) {
      try {
        capabilities.add(Capability.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw Stowage.CliException.usage(
            where + " withdraws '" + name + "', which is no capability. Probe the store again.");
      }
    }
    return capabilities;
  }

  /**
   * Replaces every {@code SCHEME.quirks=FILE} among the options by the profile's options, the
   * explicit ones winning.
   *
   * @return the options to open stores with, and the capabilities to withdraw by scheme
   */
  static Applied apply(Map<String, String> given) {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, Set<Capability>> withdrawn = new LinkedHashMap<>();
    List<String> profiles = new ArrayList<>();
    given.forEach(
        (key, value) -> {
          if (key.endsWith("." + OPTION)) {
            profiles.add(key);
          }
        });
    for (String key : profiles) {
      String scheme = key.substring(0, key.length() - OPTION.length() - 1);
      QuirksProfile profile = read(Path.of(given.get(key)), scheme);
      options.putAll(profile.options());
      withdrawn.put(scheme, profile.capabilities(key));
    }
    given.forEach(
        (key, value) -> {
          if (!profiles.contains(key)) {
            options.put(key, value);
          }
        });
    return new Applied(options, withdrawn);
  }

  /** Options with the profiles applied, and what each scheme's profile withdraws. */
  record Applied(Map<String, String> options, Map<String, Set<Capability>> withdrawn) {
    Set<Capability> withdrawnFrom(String scheme) {
      return withdrawn.getOrDefault(scheme, Set.of());
    }
  }
}
