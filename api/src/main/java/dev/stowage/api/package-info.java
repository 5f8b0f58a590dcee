/**
 * The Stowage contract: the provider SPI ({@link dev.stowage.api.StorageProvider}), the store a
 * provider opens ({@link dev.stowage.api.ObjectStore}), its value types and its exceptions.
 *
 * <p>A provider implements two interfaces, registers the first with {@link java.util.ServiceLoader}
 * (we use {@code @AutoService}), and declares what it can do in {@link
 * dev.stowage.api.Capabilities}. Parallelism, retries, part planning and end-to-end checksums are
 * not the provider's concern: the engine does them once for every provider.
 *
 * <p>Unless otherwise specified, passing a null argument to any method of any type in this package
 * will cause a {@link NullPointerException}, and no method returns null: absence is an {@link
 * java.util.Optional}, an empty collection or an {@link dev.stowage.api.ObjectNotFoundException}.
 */
package dev.stowage.api;
