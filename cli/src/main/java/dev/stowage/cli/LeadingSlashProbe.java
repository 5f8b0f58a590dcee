package dev.stowage.cli;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capability;
import dev.stowage.api.Content;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.cli.StoreProbe.Finding;
import dev.stowage.cli.StoreProbe.Verdict;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Whether a store that declares {@link Capability#LEADING_SLASH_KEYS} holds {@code /k} apart from
 * {@code k}, as S3 does and Litestream needs for a replica at a bucket's root. Servers that fold
 * the doubled slash of such a request, or check its signature over a folded path, refuse the write
 * or keep one object for both keys.
 */
final class LeadingSlashProbe {
  static final String NAME = "keys starting with '/'";

  private LeadingSlashProbe() {}

  /**
   * @param key a key under the scratch prefix; the probe writes it and the same key with a leading
   *     slash, and removes the latter itself, since the clean-up does not list outside the prefix
   * @param withdrawn the capabilities to withdraw, where a quirk adds {@code LEADING_SLASH_KEYS}
   */
  static Finding run(ObjectStore store, String key, Set<Capability> withdrawn) {
    if (!store.capabilities().supports(Capability.LEADING_SLASH_KEYS)) {
      return new Finding(NAME, Verdict.ABSENT, "the provider does not declare LEADING_SLASH_KEYS");
    }
    String slashed = "/" + key;
    byte[] plain = {1};
    byte[] withSlash = {2, 2};
    try {
      store.put(key, Content.ofBytes(plain), WriteOptions.DEFAULTS);
      store.put(slashed, Content.ofBytes(withSlash), WriteOptions.DEFAULTS);
      List<String> listed =
          Listings.objects(store, ListRequest.of(slashed)).map(ObjectInfo::key).toList();
      if (!Arrays.equals(read(store, slashed), withSlash)
          || !Arrays.equals(read(store, key), plain)) {
        return quirk(
            slashed + " and " + key + " are not two objects with their own bytes", withdrawn);
      }
      if (!listed.equals(List.of(slashed))) {
        return quirk("a listing under " + slashed + " gave " + listed, withdrawn);
      }
      return new Finding(NAME, Verdict.OK, slashed + " and " + key + " held apart and listed");
    } catch (StorageException e) {
      return quirk("refused: " + e.getMessage(), withdrawn);
    } finally {
      try {
        store.delete(slashed);
      } catch (StorageException e) {
        // the write was refused, or the store folds the key into the one the clean-up removes
      }
    }
  }

  private static Finding quirk(String what, Set<Capability> withdrawn) {
    withdrawn.add(Capability.LEADING_SLASH_KEYS);
    return new Finding(
        NAME,
        Verdict.QUIRK,
        what + "; a replica at the bucket's root then keeps Litestream's layout without '/'");
  }

  private static byte[] read(ObjectStore store, String key) {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key, e);
    }
  }
}
