package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one written object, what the store's word lets the engine verify, and verifies it:
 * the checksums in the store's answer to the write; else a stat of the object, comparing the size
 * and every checksum it reports; else, if the engine was asked to, a read of the object back. The
 * sender's own values never count: a provider reports only what the store answered.
 */
final class StoredCheck {
  private StoredCheck() {}

  /** A verified object (size known) and how it was verified, or what is wrong with it. */
  record Outcome(ObjectInfo object, VerifiedBy verifiedBy, String problem) {
    static Outcome wrong(String problem) {
      return new Outcome(null, null, problem);
    }
  }

  /**
   * Verifies the object a write left under the key against the bytes sent.
   *
   * @param answer what the store answered to the write (or to its completion)
   * @param sent the sums of the bytes sent
   * @param single the content of a write of one request, to compare its MD5 with an ETag that is
   *     one; empty for a multipart upload
   */
  static Outcome confirm(
      EngineResources engine,
      ObjectStore target,
      String key,
      ObjectInfo answer,
      Sums sent,
      Optional<Content> single) {
    Optional<String> problem = Verification.storeProblem(sent, answer.size(), answer.checksums());
    if (problem.isPresent()) {
      return Outcome.wrong(problem.get());
    }
    Set<ChecksumAlgorithm> answered = common(sent, answer.checksums());
    ObjectInfo object = answer.toBuilder().size(sent.length()).build();
    if (!answered.isEmpty()) {
      return new Outcome(object, new VerifiedBy(VerifiedBy.Method.STORE_ANSWER, answered), null);
    }
    String md5 = answer.checksums().get(ChecksumAlgorithm.MD5);
    if (md5 != null && single.isPresent()) {
      // the MD5 an ETag gives cannot be combined across parts as the engine's CRCs are, so it is
      // computed here, for one write, from the content read once more
      Md5.Of source = Md5.of(single.get(), sent);
      if (source.changed()) {
        return Outcome.wrong("the source changed while it was sent");
      }
      if (!source.md5().equals(md5)) {
        return Outcome.wrong(
            "the store's ETag says MD5 " + md5 + " where " + source.md5() + " was sent");
      }
      return new Outcome(
          object,
          new VerifiedBy(VerifiedBy.Method.STORE_ANSWER, Set.of(ChecksumAlgorithm.MD5)),
          null);
    }
    Optional<ObjectInfo> found = target.stat(key);
    if (found.isEmpty()) {
      return Outcome.wrong(
          "the store answered the write, but a stat finds no object under the key");
    }
    ObjectInfo stored = found.get();
    problem = Verification.storeProblem(sent, stored.size(), stored.checksums());
    if (problem.isPresent()) {
      return Outcome.wrong(problem.get());
    }
    Set<ChecksumAlgorithm> statted = common(sent, stored.checksums());
    if (!statted.isEmpty()) {
      return new Outcome(stored, new VerifiedBy(VerifiedBy.Method.STAT, statted), null);
    }
    if (!engine.readBack) {
      return new Outcome(stored, VerifiedBy.sizeOnly(), null);
    }
    Sums read = readBack(target, key, sent);
    problem = Verification.storeProblem(sent, read.length(), read.toMap());
    if (problem.isPresent()) {
      return Outcome.wrong("read back, " + problem.get());
    }
    return new Outcome(
        stored, new VerifiedBy(VerifiedBy.Method.READ_BACK, read.toMap().keySet()), null);
  }

  /** The algorithms both the sums and the store's values have. */
  static Set<ChecksumAlgorithm> common(Sums sums, Map<ChecksumAlgorithm, String> stored) {
    Set<ChecksumAlgorithm> both = EnumSet.noneOf(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm algorithm : sums.toMap().keySet()) {
      if (stored.containsKey(algorithm)) {
        both.add(algorithm);
      }
    }
    return both;
  }

  private static Sums readBack(ObjectStore target, String key, Sums sent) {
    try (InputStream in = target.get(key, ByteRange.ALL)) {
      return Sums.of(in, sent.codes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + key + " back failed: " + e.getMessage(), e);
    }
  }
}
