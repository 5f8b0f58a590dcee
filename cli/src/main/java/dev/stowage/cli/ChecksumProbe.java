package dev.stowage.cli;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.cli.StoreProbe.Finding;
import dev.stowage.cli.StoreProbe.Verdict;
import dev.stowage.tck.Checksums;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which checksums the store reports for a write, in its answer and in a stat, and whether each is
 * that of the bytes written. A store that reports none is verified by size only.
 */
final class ChecksumProbe {
  static final String NAME = "checksums";

  private ChecksumProbe() {}

  static Finding run(ObjectStore store, String key, byte[] sent) {
    ObjectInfo answer = store.put(key, Content.ofBytes(sent), WriteOptions.DEFAULTS);
    ObjectInfo stat = store.stat(key).orElseThrow();
    List<String> wrong = new ArrayList<>();
    wrong.addAll(mismatches("answer", answer.checksums(), sent));
    wrong.addAll(mismatches("stat", stat.checksums(), sent));
    String evidence = "answer " + names(answer.checksums()) + ", stat " + names(stat.checksums());
    if (!wrong.isEmpty()) {
      return new Finding(NAME, Verdict.QUIRK, evidence + "; not those of the bytes: " + wrong);
    }
    if (answer.checksums().isEmpty() && stat.checksums().isEmpty()) {
      return new Finding(NAME, Verdict.QUIRK, evidence + ": writes are verified by size only");
    }
    return new Finding(NAME, Verdict.OK, evidence);
  }

  private static String names(Map<ChecksumAlgorithm, String> checksums) {
    return checksums.isEmpty() ? "none" : checksums.keySet().toString().toLowerCase(Locale.ROOT);
  }

  /** The checksums reported that differ from those of the bytes, where the CLI can compute them. */
  private static List<String> mismatches(
      String where, Map<ChecksumAlgorithm, String> reported, byte[] bytes) {
    List<String> wrong = new ArrayList<>();
    reported.forEach(
        (algorithm, value) ->
            Checksums.of(algorithm, bytes)
                .filter(actual -> !actual.equalsIgnoreCase(value))
                .ifPresent(
                    actual ->
                        wrong.add(
                            where
                                + " "
                                + algorithm
                                + " "
                                + value
                                + " (the bytes have "
                                + actual
                                + ")")));
    return wrong;
  }
}
