package dev.stowage.tck;

/**
 * A known way the server behind a fixture differs from the real service, such as an emulator's
 * shortcut. A fixture declares it in {@link StoreFixture#serverDeviations()}; the one case that
 * checks the behaviour is then skipped with this reason, visibly, and every other case still holds
 * the provider to the real service's semantics.
 */
public enum ServerDeviation {
  /** Listings come in UTF-16 code-unit order, not UTF-8 byte order (they differ beyond U+FFFF). */
  LISTS_IN_UTF16_ORDER(
      "the test server lists keys in UTF-16 order, not the UTF-8 byte order of the real service"),
  /** An upload part for an aborted multipart upload is accepted instead of failing. */
  ACCEPTS_PARTS_AFTER_ABORT("the test server accepts a part for an aborted multipart upload"),
  /** The parts of a completed or aborted multipart upload are listed instead of failing. */
  LISTS_PARTS_OF_ENDED_UPLOADS(
      "the test server lists the parts of a completed or aborted multipart upload"),
  /**
   * A read that races an overwrite may get one version's checksum header with the other version's
   * bytes (seen with S3Proxy under load). The provider refuses such a read with an {@code
   * IntegrityException}, which the atomic-write case then accepts; a read that returns bytes must
   * still be wholly one version.
   */
  MIXES_VERSIONS_IN_A_RACING_READ(
      "the test server may answer a read racing an overwrite with one version's checksum and the"
          + " other's bytes"),
  /**
   * An object and keys under it ({@code k}, {@code k/sub}) cannot exist together, though the real
   * service holds both: S3Proxy's jclouds blob stores fail the second write with an HTTP 500.
   */
  CANNOT_NEST_KEYS(
      "the test server cannot hold an object and keys under it (it fails the second write with"
          + " HTTP 500), though the real service can"),
  /**
   * A key that starts with {@code /} is refused (S3Proxy answers HTTP 400, and with signatures
   * checked a signature mismatch, having folded the request's doubled slash), though the real
   * service holds it.
   */
  CANNOT_HOLD_LEADING_SLASH_KEYS(
      "the test server refuses a key that starts with '/' (it folds the request's doubled slash),"
          + " though the real service holds it");

  private final String reason;

  ServerDeviation(String reason) {
    this.reason = reason;
  }

  /**
   * Returns the deviation as a sentence, for skip reasons.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
