package dev.stowage.provider.filesystem;

import dev.stowage.tck.LiveStoreContractTest;

/**
 * The compliance kit against a live store named by {@code STOWAGE_TCK_URI}, as a third party's
 * build would wire it: one empty class. Unset (as in CI), the class is skipped with that reason.
 */
class FilesystemLiveStoreTest extends LiveStoreContractTest {}
