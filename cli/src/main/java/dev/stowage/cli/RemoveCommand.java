package dev.stowage.cli;

import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.engine.Listings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "rm",
    description = "Delete an object, or with -r every object under a directory or prefix.")
final class RemoveCommand implements Callable<Integer> {
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

  @Override
  public Integer call() {
    Target target = Target.parse(location);
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
      String prefix = target.directoryPrefix();
      List<String> keys =
          Listings.objects(store, ListRequest.of(prefix))
              .map(ObjectInfo::key)
              .collect(Collectors.toList());
      if (keys.isEmpty()) {
        throw Stowage.CliException.failure(
            "nothing to remove: no object under " + target.describe() + ".");
      }
      int batch = store.capabilities().maxDeleteBatch();
      int failed = 0;
      for (int from = 0; from < keys.size(); from += batch) {
        DeleteResult result =
            store.deleteAll(keys.subList(from, Math.min(keys.size(), from + batch)));
        for (Map.Entry<String, StorageException> failure : result.failed().entrySet()) {
          stowage
              .spec
              .commandLine()
              .getErr()
              .println("stowage: " + failure.getValue().getMessage());
          failed++;
        }
      }
      stowage
          .spec
          .commandLine()
          .getErr()
          .printf("removed %d of %d objects%n", keys.size() - failed, keys.size());
      if (failed > 0) {
        throw Stowage.CliException.failure(failed + " objects could not be removed; see above.");
      }
    }
    return 0;
  }
}
