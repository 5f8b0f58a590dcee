package dev.stowage.tck;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a store opened with a canary in one secret option shows: its texts, and the messages of the
 * failures opening it and reading from it cause (a wrong credential is where a secret is most often
 * echoed back: a signature mismatch, an unknown key).
 */
final class SecretCanaries {
  private SecretCanaries() {}

  static List<String> textsOpenedWith(
      ProviderOpening opening, String option, String canary, String missingKey) {
    List<String> texts = new ArrayList<>();
    ObjectStore store;
    try {
      store = opening.open(Map.of(option, canary));
    } catch (RuntimeException refused) {
      addChain(texts, refused);
      return texts;
    }
    try (store) {
      texts.add(store.toString());
      texts.add(store.location().toString());
      try {
        store.stat(missingKey);
        store.get(missingKey, ByteRange.ALL).close();
      } catch (IOException | RuntimeException e) {
        addChain(texts, e);
      }
    } catch (RuntimeException closing) {
      addChain(texts, closing);
    }
    return texts;
  }

  private static void addChain(List<String> texts, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
  }
}
