package dev.stowage.cli;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * After the kit, what the commands do, done once at the run root and opened as they open a location
 * ({@link Target}, {@link Stores}): {@code cp} in, {@code ls}, {@code cat}, {@code cp} out and
 * {@code rm}. The kit opens the store at the run root itself; a provider that reads a location
 * otherwise than the commands do passes it and still fails here, so a pass means every command
 * works with the store.
 */
final class CommandSmoke {
  static final String NAME =
      "cp in, ls, cat, cp out and rm, the store opened as the commands open it";
  static final String LEVEL = "commands";

  private static final String HINT =
      " The commands open a remote location at its bucket, its path being the keys' prefix, and a"
          + " local one at its directory; a provider must serve both as the kit's run root.";

  private CommandSmoke() {}

  /**
   * Runs the smoke; the case passed, or failed with the step and what went wrong.
   *
   * @param stores how the commands open stores
   * @param root the kit's run root
   * @param scratch a private folder for the local files
   */
  static ComplianceReport.Case run(Stores stores, StorageLocation root, Path scratch) {
    long started = System.nanoTime();
    String failure;
    try (TransferEngine engine = TransferEngine.builder().build()) {
      failure = steps(stores, engine, root, scratch);
    } catch (IOException | RuntimeException e) {
      // a third party's provider may fail in any way; each is this case's failure
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    return new ComplianceReport.Case(
        NAME,
        LEVEL,
        false,
        failure == null ? "passed" : "failed",
        failure == null ? "" : failure + "." + HINT,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** The steps, in order; null if each did what the command would, else what went wrong. */
  private static String steps(
      Stores stores, TransferEngine engine, StorageLocation root, Path scratch) throws IOException {
    Target target = Target.parse(root.withPath(root.path() + "/commands/smoke.txt").toString());
    String key = target.key();
    byte[] bytes = ("stowage smoke at " + root + "\n").getBytes(StandardCharsets.UTF_8);
    Path local = Files.write(scratch.resolve("smoke.txt"), bytes);
    ObjectStore store = stores.destination(target);
    try {
      return steps(store, engine, target, bytes, local, scratch);
    } finally {
      try {
        store.delete(key);
      } catch (StorageException leftForTheSweep) {
        // the step's own failure is the one to report
      }
    }
  }

  private static String steps(
      ObjectStore store,
      TransferEngine engine,
      Target target,
      byte[] bytes,
      Path local,
      Path scratch)
      throws IOException {
    String key = target.key();
    engine.upload(local, store, key, WriteOptions.DEFAULTS);
    String folder = key.substring(0, key.lastIndexOf('/') + 1);
    List<String> listed =
        Listings.objects(store, ListRequest.of(folder)).map(ObjectInfo::key).toList();
    if (!listed.equals(List.of(key))) {
      return "ls of " + folder + " listed " + listed + " after cp put '" + key + "' there";
    }
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      if (!Arrays.equals(in.readAllBytes(), bytes)) {
        return "cat " + target.text() + " gave other bytes than cp put";
      }
    }
    Path back = scratch.resolve("smoke-back.txt");
    engine.download(store, key, back);
    if (!Arrays.equals(Files.readAllBytes(back), bytes)) {
      return "cp " + target.text() + " to a local file gave other bytes than cp put";
    }
    store.delete(key);
    if (store.stat(key).isPresent()) {
      return "rm " + target.text() + " left the object in place";
    }
    return null;
  }
}
