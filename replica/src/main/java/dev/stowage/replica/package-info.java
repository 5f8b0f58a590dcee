/**
 * A Litestream-compatible replica layer: LTX files by level and transaction range on any provider,
 * in Litestream's own on-store layout, with listing, ranged reads, writes that keep the header's
 * timestamp, batch deletes, restore planning, verification and restore.
 *
 * <p>Unless otherwise specified, passing a null argument to any method in this package will cause a
 * {@link NullPointerException}.
 */
package dev.stowage.replica;
