package dev.stowage.provider.support.internal;

import static java.util.Objects.requireNonNull;

/**
 * The frame of a remote store: its {@link StoreScope}, its multipart and copy primitives in classes
 * of their own, and the release of its clients on the first close. A subclass holds the object
 * operations only.
 */
public abstract class RemoteStore implements ScopedStore, MultipartForwarding, CopyForwarding {
  private final StoreScope scope;
  private final MultipartPrimitives multipart;
  private final CopyPrimitives copies;
  private final Runnable release;
  private final Object settings;

  /**
   * Frames a store.
   *
   * @param scope its keys, contexts and closed state
   * @param multipart its multipart primitives
   * @param copies its copy primitives
   * @param release what closes its clients, run once
   * @param settings its settings, shown by {@link #toString()}; their own {@code toString()} must
   *     mask secrets
   */
  protected RemoteStore(
      StoreScope scope,
      MultipartPrimitives multipart,
      CopyPrimitives copies,
      Runnable release,
      Object settings) {
    this.scope = requireNonNull(scope, "scope is null");
    this.multipart = requireNonNull(multipart, "multipart is null");
    this.copies = requireNonNull(copies, "copies is null");
    this.release = requireNonNull(release, "release is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  @Override
  public final StoreScope scope() {
    return scope;
  }

  @Override
  public final MultipartPrimitives multipart() {
    return multipart;
  }

  @Override
  public final CopyPrimitives copies() {
    return copies;
  }

  @Override
  public final void release() {
    release.run();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + scope.location() + ", " + settings + "]";
  }
}
