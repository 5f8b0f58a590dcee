package dev.stowage.cli;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.engine.DeleteReport;
import dev.stowage.engine.ObjectFilter;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "rm",
    description = "Delete an object, or with -r every object under a directory or prefix.")
final class RemoveCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(
      index = "0",
      paramLabel = "LOCATION",
      description = "The object or, with -r, directory.")
  String location;

  @Option(
      names = {"-r", "--recursive"},
      description = "Delete every object under LOCATION.")
  boolean recursive;

  @Option(
      names = "--dry-run",
      description = "With -r, print what would be deleted, and delete nothing.")
  boolean dryRun;

  @Mixin FilterOptions filters;

  @Override
  public Integer call() {
    Target target = Target.parse(location);
    filters.requireRecursive(recursive, dryRun);
    ObjectFilter filter = filters.filter();
    String prefix = target.directoryPrefix();
    try (Stores stores = stowage.stores()) {
      ObjectStore store = stores.open(target.store());
      if (!recursive) {
        if (target.isDirectory()) {
          throw Stowage.CliException.usage(
              location + " is a directory. Remove it with 'stowage rm -r'.");
        }
        if (store.stat(target.key()).isEmpty()) {
          throw new ObjectNotFoundException(
              ErrorContext.of(StorageOperation.DELETE, target.store()).withKey(target.key()),
              "no such object. List the location with 'stowage ls'.");
        }
        store.delete(target.key());
        return 0;
      }
      PrintWriter err = stowage.spec.commandLine().getErr();
      if (dryRun) {
        PrintWriter out = stowage.spec.commandLine().getOut();
        long count;
        try (Stream<String> keys = keys(store, prefix, filter)) {
          count = keys.peek(key -> out.println("would delete " + key)).count();
        }
        out.flush();
        err.printf(
            "dry run: %d object%s to remove; nothing was removed%n", count, count == 1 ? "" : "s");
        return 0;
      }
      DeleteReport report;
      try (TransferEngine engine = TransferEngine.create();
          Stream<String> keys = keys(store, prefix, filter)) {
        report = engine.deleteAll(store, keys);
      }
      for (StorageException failure : report.failures().values()) {
        err.println("stowage: " + failure.getMessage());
      }
      long total = report.deleted() + report.failures().size();
      if (total == 0) {
        throw Stowage.CliException.failure(
            "nothing to remove: no object under " + target.describe() + ".");
      }
      err.printf("removed %d of %d objects%n", report.deleted(), total);
      if (!report.isComplete()) {
        throw Stowage.CliException.failure(
            report.failures().size() + " objects could not be removed; see above.");
      }
      removeEmptiedFolder(target);
    }
    return 0;
  }

  /**
   * Removes a local folder that a removal or move emptied, as {@code rm -r} and {@code mv} do; the
   * store removes the folders below it itself. One that still holds something (a filter left it, a
   * store's own {@code .stowage/}) stays, and a location that is no local folder is left alone.
   */
  static void removeEmptiedFolder(Target target) {
    if (!target.isLocal()) {
      return;
    }
    Path folder = target.localFolder().orElseThrow();
    try {
      Files.delete(folder);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // it holds what was not removed, or it is gone
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the emptied folder " + folder, e);
    }
  }

  /** The keys under the prefix that the filter takes. */
  private static Stream<String> keys(ObjectStore store, String prefix, ObjectFilter filter) {
    return Listings.objects(store, ListRequest.of(prefix))
        .filter(o -> filter.accepts(o, o.key().substring(prefix.length())))
        .map(ObjectInfo::key);
  }
}
