/**
 * Helpers that every provider would otherwise write again: key prefixing and the closed-state guard
 * ({@link dev.stowage.provider.support.internal.StoreScope}), batch-delete reconciliation,
 * upload-listing tokens, header metadata, settings checks and masking.
 *
 * <p>This package is internal and is hence not for public use. Its APIs may change at any time
 * without warning; providers of this repository use it, and a third-party provider may copy from it
 * but should not depend on it.
 *
 * <p>Unless otherwise specified, passing a null argument to any method of any type in this package
 * will cause a {@link NullPointerException}.
 */
package dev.stowage.provider.support.internal;
