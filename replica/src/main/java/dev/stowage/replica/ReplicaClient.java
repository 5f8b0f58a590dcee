package dev.stowage.replica;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteStreams;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.DeleteReport;
import dev.stowage.engine.ObjectReadStream;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.TransferResult;
import dev.stowage.engine.internal.Listings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Litestream replica on any store: LTX files by level and transaction range, in Litestream's
 * layout for the store's scheme, so that Litestream and Stowage read each other's replicas.
 *
 * <p>It has the operations of Litestream's {@code ReplicaClient} (list a level from a transaction,
 * open a range, write keeping the header's timestamp, delete in batches, delete all), its restore
 * planning, and verification and restore of a database without Litestream. Transfers, batch deletes
 * and metadata fan-out go through the {@link TransferEngine}, so they are parallel, bounded,
 * retried and verified.
 *
 * <p>Thread-safe. It does not own the store or the engine; close them yourself.
 */
public final class ReplicaClient {
  /**
   * The user-metadata key holding a file's header time on object stores, as Litestream names it.
   */
  public static final String TIMESTAMP_METADATA = "litestream-timestamp";

  private final ObjectStore store;
  private final TransferEngine engine;
  private final ReplicaLayout layout;

  private ReplicaClient(Builder builder) {
    this.store = builder.store;
    this.engine = builder.engine;
    this.layout = builder.layout != null ? builder.layout : ReplicaLayout.forStore(store);
  }

  /**
   * Returns a client with Litestream's layout for the store ({@link ReplicaLayout#forStore}).
   *
   * @param store the store whose location is the replica's path
   * @param engine the engine for transfers, deletes and fan-outs
   * @return the client
   * @throws StorageException if a listing to choose the layout at a bucket's root fails
   */
  public static ReplicaClient of(ObjectStore store, TransferEngine engine) {
    return builder(store, engine).build();
  }

  /**
   * Returns a builder.
   *
   * @param store the store whose location is the replica's path
   * @param engine the engine for transfers, deletes and fan-outs
   * @return the builder
   */
  public static Builder builder(ObjectStore store, TransferEngine engine) {
    return new Builder(store, engine);
  }

  /**
   * Returns the layout in use.
   *
   * @return the layout
   */
  public ReplicaLayout layout() {
    return layout;
  }

  /**
   * Returns the levels that hold at least one object, ascending.
   *
   * @return the levels
   * @throws StorageException if the store cannot list
   */
  public List<Integer> levels() {
    String root = layout.root();
    TreeSet<Integer> levels = new TreeSet<>();
    ListRequest request = ListRequest.builder().prefix(root).delimiter("/").build();
    while (request != null) {
      var page = store.list(request);
      for (String prefix : page.commonPrefixes()) {
        String name = prefix.substring(root.length(), prefix.length() - 1);
        layout.level(name).ifPresent(levels::add);
      }
      request = page.nextToken().map(request::next).orElse(null);
    }
    return List.copyOf(levels);
  }

  /**
   * Lists the files of one level whose min TXID is at least {@code seek}, ascending by min TXID
   * (then max). The seek is a number, compared as one: names are fixed-width, so the listing starts
   * at the seek's name and skips what precedes it. A level that does not exist is empty; objects
   * whose names are not LTX file names are skipped.
   *
   * @param level the level, 0 to 9 (snapshots)
   * @param seek the smallest min TXID to return; 0 or 1 for all
   * @param mode where each file's creation time comes from
   * @return the files
   * @throws StorageException if the store cannot list; a failed metadata fan-out falls back to the
   *     listing's times instead, as Litestream does
   */
  public List<LtxFile> files(int level, long seek, TimestampMode mode) {
    requireNonNull(mode, "mode is null");
    if (level < 0 || level > LtxFile.MAX_LEVEL) {
      throw new IllegalArgumentException("level " + level + " is out of range 0 to 9");
    }
    return new LevelListing(store, engine, layout).files(level, seek, mode);
  }

  /**
   * Opens a range of a file. A dropped connection is resumed from the byte where it stopped, within
   * the engine's retry policy, while the file is unchanged; a whole file read to its end is checked
   * against the store's checksum ({@link TransferEngine#open}).
   *
   * @param level the level
   * @param minTxid the first transaction
   * @param maxTxid the last transaction
   * @param offset the first byte
   * @param size the bytes to read, or 0 for all to the end
   * @return the stream; the caller closes it
   * @throws ObjectNotFoundException if there is no such file
   * @throws StorageException for any other failure
   */
  public InputStream open(int level, long minTxid, long maxTxid, long offset, long size) {
    if (offset < 0 || size < 0) {
      throw new IllegalArgumentException("negative offset or size: " + offset + ", " + size);
    }
    String key = layout.key(level, minTxid, maxTxid);
    ObjectReadStream stream = engine.open(store, key);
    try {
      stream.seek(Math.min(offset, stream.length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a seek within the object does no I/O
    }
    return size == 0 ? stream : ByteStreams.limit(stream, size);
  }

  /**
   * Writes a file from a stream of LTX bytes. Only the header's magic and length are checked (as
   * Litestream does); its timestamp is kept as {@value #TIMESTAMP_METADATA} metadata, and on the
   * filesystem also as the file's modification time. The engine uploads it verified, in one request
   * or in parts.
   *
   * @param level the level
   * @param minTxid the first transaction
   * @param maxTxid the last transaction
   * @param in the file's bytes, read to the end but not closed
   * @return the file written, with its size and the header's timestamp
   * @throws ReplicaException if the stream is shorter than a header or is not LTX; nothing is
   *     written
   * @throws StorageException if the store fails; nothing is visible under the key
   */
  public LtxFile write(int level, long minTxid, long maxTxid, InputStream in) {
    requireNonNull(in, "in is null");
    String key = layout.key(level, minTxid, maxTxid);
    byte[] header;
    try {
      header = in.readNBytes(LtxHeader.SIZE);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the LTX header for " + where(key) + " failed", e);
    }
    if (header.length < LtxHeader.SIZE) {
      throw new ReplicaException(
          "the stream for "
              + where(key)
              + " holds "
              + header.length
              + " bytes, fewer than the "
              + LtxHeader.SIZE
              + "-byte LTX header; nothing was written. Pass a whole LTX file.");
    }
    if (!LtxHeader.hasMagic(header)) {
      throw new ReplicaException(
          "the stream for "
              + where(key)
              + " does not start with the LTX magic 'LTX1'; nothing was written. Pass an LTX file.");
    }
    Instant timestamp = LtxHeader.timestampOf(header);
    WriteOptions options =
        WriteOptions.builder()
            .userMetadata(TIMESTAMP_METADATA, GoTime.format(timestamp))
            .contentType("application/octet-stream")
            .lastModified(timestamp) // where Litestream's file backend keeps it
            .build();
    TransferResult written =
        engine.upload(
            new SequenceInputStream(new ByteArrayInputStream(header), in), store, key, options);
    return new LtxFile(level, minTxid, maxTxid, written.bytes(), timestamp);
  }

  /**
   * Deletes files in batches of the store's declared size, checking every key.
   *
   * @param files the files; an empty collection does nothing
   * @throws StorageException naming the files that may remain, if any
   */
  public void delete(Collection<LtxFile> files) {
    List<String> keys = new ArrayList<>(files.size());
    for (LtxFile file : files) {
      keys.add(layout.key(file.level(), file.minTxid(), file.maxTxid()));
    }
    if (!keys.isEmpty()) {
      requireComplete(engine.deleteAll(store, keys.stream()));
    }
  }

  /**
   * Deletes every object under the replica's path.
   *
   * @return how many objects were deleted
   * @throws StorageException naming the objects that may remain, if any
   */
  public long deleteAll() {
    DeleteReport report =
        engine.deleteAll(
            store,
            Listings.objects(store, ListRequest.of(layout.replicaPrefix())).map(ObjectInfo::key));
    requireComplete(report);
    return report.deleted();
  }

  private void requireComplete(DeleteReport report) {
    if (report.isComplete()) {
      return;
    }
    Map.Entry<String, StorageException> first = report.failures().entrySet().iterator().next();
    throw new PermanentStorageException(
        ErrorContext.of(StorageOperation.DELETE, store.location()).withKey(first.getKey()),
        report.failures().size()
            + " objects may remain, "
            + String.join(
                ", ",
                List.copyOf(report.failures().keySet())
                    .subList(0, Math.min(5, report.failures().size())))
            + (report.failures().size() > 5 ? ", …" : "")
            + ". Run the deletion again.",
        first.getValue());
  }

  /**
   * Deletes the snapshots created before a time, always keeping the newest (Litestream's snapshot
   * retention).
   *
   * @param cutoff snapshots created before it go
   * @return the snapshots deleted
   * @throws StorageException if listing or deleting fails
   */
  public List<LtxFile> deleteSnapshotsBefore(Instant cutoff) {
    requireNonNull(cutoff, "cutoff is null");
    List<LtxFile> snapshots = files(LtxFile.SNAPSHOT_LEVEL, 0, TimestampMode.EXACT);
    List<LtxFile> doomed = new ArrayList<>();
    for (int i = 0; i < snapshots.size() - 1; i++) {
      if (snapshots.get(i).createdAt().isBefore(cutoff)) {
        doomed.add(snapshots.get(i));
      }
    }
    delete(doomed);
    return doomed;
  }

  /**
   * Deletes the files of a level that end below a transaction, always keeping the level's last
   * file.
   *
   * @param level the level
   * @param txid files whose max TXID is below it go
   * @return the files deleted
   * @throws StorageException if listing or deleting fails
   */
  public List<LtxFile> deleteFilesBelow(int level, long txid) {
    List<LtxFile> files = files(level, 0, TimestampMode.LISTED);
    List<LtxFile> doomed = new ArrayList<>();
    for (int i = 0; i < files.size() - 1; i++) {
      if (files.get(i).maxTxid() < txid) {
        doomed.add(files.get(i));
      }
    }
    delete(doomed);
    return doomed;
  }

  /**
   * Plans a restore with Litestream's rules.
   *
   * @param target the state to restore
   * @return the files to apply
   * @throws ReplicaException if nothing qualifies, the files leave a gap (named), or the target
   *     transaction is not in the replica
   * @throws StorageException if the store cannot list
   */
  public RestorePlan plan(RestoreTarget target) {
    requireNonNull(target, "target is null");
    return RestorePlanner.plan(
        (level, mode) -> files(level, 0, mode), target, store.location().toString());
  }

  /**
   * Reads a whole file and checks it: header, every page decompressed, page index, file checksum,
   * and a snapshot's database checksum where the file tracks one.
   *
   * @param file the file
   * @return its header
   * @throws IntegrityException naming the file if it is corrupt or truncated
   * @throws ObjectNotFoundException if it is gone
   * @throws StorageException for any other failure
   */
  public LtxHeader verify(LtxFile file) {
    return read(file, (pgno, page) -> {}).header();
  }

  /**
   * Restores a database file from a plan: each file is read (resuming dropped connections) and
   * checked, its pages written over the earlier ones, into a temporary file beside the output that
   * is synced and moved into place only when every file has been applied and verified.
   *
   * @param plan the plan
   * @param output the database file to create; it must not exist
   * @param listener told after each file
   * @return what was written
   * @throws ReplicaException if the output exists or the files disagree on the page size
   * @throws IntegrityException naming the file that is corrupt; no output is left
   * @throws StorageException for any other failure; no output is left
   */
  public RestoreResult restore(RestorePlan plan, Path output, RestoreListener listener) {
    requireNonNull(plan, "plan is null");
    requireNonNull(listener, "listener is null");
    return new Restore(this, plan, output.toAbsolutePath(), listener).run();
  }

  /** Reads and checks one file, handing its pages to the sink. */
  LtxDecoder.Summary read(LtxFile file, LtxDecoder.PageSink sink) {
    return new LtxFileRead(store, engine, layout).read(file, sink);
  }

  private String where(String key) {
    return key + " at " + store.location();
  }

  /** Builds a {@link ReplicaClient}. */
  public static final class Builder {
    private final ObjectStore store;
    private final TransferEngine engine;
    private ReplicaLayout layout;

    private Builder(ObjectStore store, TransferEngine engine) {
      this.store = requireNonNull(store, "store is null");
      this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * Sets the layout, for a provider Litestream does not know the layout of. The default is {@link
     * ReplicaLayout#forStore} of the store.
     *
     * @param value the layout
     * @return this builder
     */
    public Builder layout(ReplicaLayout value) {
      this.layout = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Returns the client.
     *
     * @return the client
     * @throws StorageException if a listing to choose the layout at a bucket's root fails
     */
    public ReplicaClient build() {
      return new ReplicaClient(this);
    }
  }
}
