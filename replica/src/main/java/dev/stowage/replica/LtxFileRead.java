package dev.stowage.replica;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.engine.TransferEngine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One LTX file read whole through the engine (resumed when cut, checked against the store's
 * checksum) and decoded, with its header checked against its name: a corrupt or misplaced file is
 * an {@link IntegrityException} that names it and says what to do.
 */
final class LtxFileRead {
  private final ObjectStore store;
  private final TransferEngine engine;
  private final ReplicaLayout layout;

  LtxFileRead(ObjectStore store, TransferEngine engine, ReplicaLayout layout) {
    this.store = store;
    this.engine = engine;
    this.layout = layout;
  }

  LtxDecoder.Summary read(LtxFile file, LtxDecoder.PageSink sink) {
    String key = layout.key(file.level(), file.minTxid(), file.maxTxid());
    ErrorContext context = ErrorContext.of(StorageOperation.READ, store.location()).withKey(key);
    try (InputStream in = new BufferedInputStream(engine.open(store, key), 256 * 1024)) {
      LtxDecoder.Summary summary = LtxDecoder.decode(in, sink);
      LtxHeader header = summary.header();
      if (header.minTxid() != file.minTxid() || header.maxTxid() != file.maxTxid()) {
        throw new IntegrityException(
            context,
            "the file's header holds transactions "
                + header.minTxid()
                + "-"
                + header.maxTxid()
                + ", not those of its name. The file is misplaced; remove it.");
      }
      return summary;
    } catch (CorruptLtxException e) {
      throw new IntegrityException(
          context, "the LTX file is corrupt: " + e.getMessage() + ". " + advice(file), e);
    } catch (IOException e) {
      if (e.getCause() instanceof StorageException typed) {
        throw typed; // such as the engine's IntegrityException for bytes that fail their checksum
      }
      throw new PermanentStorageException(context, "reading the file failed: " + e, e);
    }
  }

  /**
   * What to do about a corrupt file. Litestream never writes a file again: a lost snapshot's
   * transactions come back only with a later snapshot, and those of a lost file of another level
   * only from a file of a higher level that holds them too.
   */
  static String advice(LtxFile file) {
    String range = file.minTxid() + "-" + file.maxTxid();
    if (file.level() == LtxFile.SNAPSHOT_LEVEL) {
      return "Litestream does not write it again: remove it, and a restore starts from the"
          + " snapshot before it; Litestream's next snapshot, a file of its own, holds these"
          + " transactions again.";
    }
    return "Litestream does not write it again. Restore to a transaction before "
        + file.minTxid()
        + " with --txid, or remove the file only if 'stowage replica ls' shows a file of a"
        + " higher level that holds transactions "
        + range
        + ".";
  }
}
