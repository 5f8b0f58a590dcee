/**
 * What the engine's own modules ({@code replica}, {@code cli}, the bench) share with it beyond its
 * contract: a listing that pages lazily and stops on a repeated token, and CRC-64/ECMA.
 *
 * <p>This package is internal and is hence not for public use. Its APIs may change at any time
 * without warning.
 */
package dev.stowage.engine.internal;
