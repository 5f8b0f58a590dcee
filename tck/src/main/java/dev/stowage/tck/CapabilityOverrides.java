package dev.stowage.tck;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ObjectStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Capabilities a live run treats as not declared, because the user knows the endpoint lacks them,
 * and {@link ServerDeviation}s the endpoint is known to have (an emulator's shortcuts). They come
 * only from an explicit file or the {@code STOWAGE_TCK_CAPABILITY_OVERRIDES} variable, and every
 * report lists them, so a withdrawn capability is never mistaken for a tested one. Immutable.
 *
 * @param withdrawnFeatures features the run treats as absent
 * @param withdrawnChecksums checksum algorithms the run does not check
 * @param serverDeviations the endpoint's known deviations, whose cases are skipped with the reason
 * @param source where the overrides were read, such as a file's path
 */
public record CapabilityOverrides(
    Set<Capability> withdrawnFeatures,
    Set<ChecksumAlgorithm> withdrawnChecksums,
    Set<ServerDeviation> serverDeviations,
    String source) {

  /**
   * Copies the sets.
   *
   * @param withdrawnFeatures see the record description
   * @param withdrawnChecksums see the record description
   * @param serverDeviations see the record description
   * @param source see the record description
   */
  public CapabilityOverrides {
    withdrawnFeatures = Set.copyOf(withdrawnFeatures);
    withdrawnChecksums = Set.copyOf(withdrawnChecksums);
    serverDeviations = Set.copyOf(serverDeviations);
    requireNonNull(source, "source is null");
  }

  /**
   * Returns no overrides.
   *
   * @return the empty overrides
   */
  public static CapabilityOverrides none() {
    return new CapabilityOverrides(Set.of(), Set.of(), Set.of(), "none");
  }

  /**
   * Parses names of features ({@code CONDITIONAL_CREATE}), checksum algorithms ({@code CRC64ECMA})
   * and server deviations ({@code LISTS_IN_UTF16_ORDER}), separated by commas, spaces or lines;
   * {@code #} starts a comment.
   *
   * @param text the names
   * @param source where the text came from, for messages and reports
   * @return the overrides
   * @throws IllegalArgumentException naming the source and the unknown name, with the valid ones
   */
  public static CapabilityOverrides parse(String text, String source) {
    Set<Capability> features = EnumSet.noneOf(Capability.class);
    Set<ChecksumAlgorithm> checksums = EnumSet.noneOf(ChecksumAlgorithm.class);
    Set<ServerDeviation> deviations = EnumSet.noneOf(ServerDeviation.class);
    for (String line : text.split("\\R")) {
      String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
      for (String name : content.split("[,\\s]+")) {
        if (name.isEmpty()) {
          continue;
        }
        String upper = name.toUpperCase(Locale.ROOT).replace('-', '_');
        if (names(Capability.values()).contains(upper)) {
          features.add(Capability.valueOf(upper));
        } else if (names(ChecksumAlgorithm.values()).contains(upper)) {
          checksums.add(ChecksumAlgorithm.valueOf(upper));
        } else if (names(ServerDeviation.values()).contains(upper)) {
          deviations.add(ServerDeviation.valueOf(upper));
        } else {
          throw new IllegalArgumentException(
              source
                  + ": '"
                  + name
                  + "' is neither a capability, a checksum algorithm nor a server deviation. Use"
                  + " one of "
                  + names(Capability.values())
                  + ", "
                  + names(ChecksumAlgorithm.values())
                  + " or "
                  + names(ServerDeviation.values())
                  + ".");
        }
      }
    }
    return new CapabilityOverrides(features, checksums, deviations, source);
  }

  /**
   * Returns whether nothing is withdrawn and no deviation declared.
   *
   * @return true without overrides
   */
  public boolean isEmpty() {
    return withdrawnFeatures.isEmpty()
        && withdrawnChecksums.isEmpty()
        && serverDeviations.isEmpty();
  }

  /**
   * Returns the capabilities with the withdrawn ones removed.
   *
   * @param declared what the store declares
   * @return what the run holds the store to
   */
  public Capabilities applyTo(Capabilities declared) {
    return declared.toBuilder()
        .withoutFeatures(withdrawnFeatures)
        .withoutChecksums(withdrawnChecksums)
        .build();
  }

  /**
   * Returns the store as these overrides make it: the withdrawn capabilities not declared, and the
   * operations that need them failing as the contract requires of an undeclared capability.
   *
   * @param store the real store
   * @return the store itself without overrides, else a view of it; closing the view closes it
   */
  public ObjectStore applyTo(ObjectStore store) {
    return isEmpty() ? store : new WithdrawingStore(store, this);
  }

  /**
   * Returns one line per override, such as {@code CONDITIONAL_CREATE withdrawn (from FILE)}.
   *
   * @return the lines, empty without overrides
   */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    withdrawnFeatures.stream()
        .sorted()
        .forEach(f -> lines.add(f + " withdrawn (from " + source + ")"));
    withdrawnChecksums.stream()
        .sorted()
        .forEach(c -> lines.add("checksum " + c + " withdrawn (from " + source + ")"));
    serverDeviations.stream()
        .sorted()
        .forEach(
            d -> lines.add("server deviation " + d + ": " + d.reason() + " (from " + source + ")"));
    return lines;
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(value.name());
    }
    return names;
  }
}
