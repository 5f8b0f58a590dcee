/**
 * The transfer engine: coordinates transfers between stores once, for every provider.
 *
 * <p>Unless otherwise specified, passing a null argument to any method in this package will cause a
 * {@link NullPointerException}.
 */
package dev.stowage.engine;
