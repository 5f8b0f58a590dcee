package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.cli.StoreProbe.Finding;
import dev.stowage.cli.StoreProbe.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A probe that fails on a store opened with the provider's defaults, run again on a store opened
 * with each of the provider's {@link dev.stowage.api.StorageProvider#variants variants} of the
 * operation it sends: the first that passes is the finding, a quirk, and its options join those the
 * profile recommends. If none passes, the first failure stands.
 */
final class ProbeVariants {
  /** A probe of one store; a store that does not answer makes it throw. */
  interface Probe {
    Finding run(ObjectStore store);
  }

  private ProbeVariants() {}

  /**
   * @param variants the provider's variants of the operation the probe sends
   * @param opener opens the store with options added to the user's
   * @param options the options the profile recommends so far; a variant that passes is added
   */
  static Finding run(
      String name,
      ObjectStore store,
      Probe probe,
      Map<String, Map<String, String>> variants,
      Function<Map<String, String>, ObjectStore> opener,
      Map<String, String> options) {
    try {
      return probe.run(store);
    } catch (StorageException failed) {
      for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
        Map<String, String> with = new LinkedHashMap<>(options);
        with.putAll(variant.getValue());
        try (ObjectStore other = opener.apply(with)) {
          Finding again = probe.run(other);
          if (again.verdict() == Verdict.OK) {
            options.putAll(variant.getValue());
            return new Finding(
                name,
                Verdict.QUIRK,
                "the default failed ("
                    + failed.getMessage()
                    + "); "
                    + variant.getKey()
                    + " "
                    + variant.getValue()
                    + ": "
                    + again.evidence());
          }
        } catch (StorageException alsoFailed) {
          // the next variant; if none passes, the first failure is the finding
        }
      }
      throw failed;
    }
  }
}
