/**
 * The Stowage compliance kit. A provider proves it keeps the {@link dev.stowage.api.ObjectStore}
 * contract by implementing a {@link dev.stowage.tck.StoreFixture} and extending {@link
 * dev.stowage.tck.AbstractObjectStoreContractTest}; a test that needs a capability the store does
 * not declare is skipped with its reason, and {@link dev.stowage.tck.ContractReport} prints, per
 * run, what ran, passed, failed and was skipped.
 *
 * <p>Unless otherwise specified, passing a null argument to any method in this package will cause a
 * {@link NullPointerException}.
 */
package dev.stowage.tck;
