package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.BatchResult;
import dev.stowage.engine.TransferEngine;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "mv",
    description =
        "Move an object, or with -r every object under a folder or prefix: each is copied,"
            + " verified, and only then deleted from the source.")
final class MoveCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "SRC", description = "The object or, with -r, folder.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "Where to move it.")
  String destination;

  @Option(
      names = {"-r", "--recursive"},
      description = "Move every object under SRC.")
  boolean recursive;

  @Mixin FilterOptions filters;

  @Mixin TransferOptions transfer;

  @Override
  @SuppressWarnings("try") // interrupts guards the engine for the try's length; it is not used
  public Integer call() {
    if (source.equals("-")) {
      throw Stowage.CliException.usage("mv cannot take standard input; use 'stowage cp -'.");
    }
    filters.requireRecursive(recursive, false);
    Target from = Target.parse(source);
    Target to = Target.parse(destination);
    PrintWriter err = stowage.spec.commandLine().getErr();
    long started = System.nanoTime();
    long moved;
    long bytes;
    try (Stores stores = stowage.stores();
        ProgressDisplay progress = ProgressDisplay.start("mv", !transfer.quiet, err, done -> {});
        TransferEngine engine = transfer.engine(progress);
        Interrupts interrupts = Interrupts.guard(engine, err)) {
      stowage.measure("mv", progress);
      ObjectStore sourceStore = stores.open(from.store());
      ObjectStore targetStore = stores.destination(to);
      if (!recursive) {
        if (from.isDirectory()) {
          throw Stowage.CliException.usage(source + " is a folder. Move it with 'stowage mv -r'.");
        }
        String key = to.isDirectory() ? to.key() + from.name() : to.key();
        if (from.store().equals(to.store()) && from.key().equals(key)) {
          throw Stowage.CliException.usage("SRC and DST are the same object; nothing to move.");
        }
        bytes =
            engine.move(sourceStore, from.key(), targetStore, key, WriteOptions.DEFAULTS).bytes();
        moved = 1;
      } else {
        CopyCommand.refuseCopyIntoItself(from, to);
        BatchResult result =
            engine.moveAll(
                sourceStore,
                from.directoryPrefix(),
                targetStore,
                to.directoryPrefix(),
                WriteOptions.DEFAULTS,
                filters.filter());
        for (Map.Entry<String, StorageException> failure : result.failures().entrySet()) {
          err.println("stowage: " + failure.getValue().getMessage());
        }
        if (!result.isComplete()) {
          throw Stowage.CliException.failure(
              result.failures().size()
                  + " of "
                  + (result.objects() + result.failures().size())
                  + " objects could not be moved; see above. The others were moved.");
        }
        if (result.objects() == 0) {
          throw Stowage.CliException.failure(
              "nothing to move: no object under " + from.describe() + ". Check the source path.");
        }
        moved = result.objects();
        bytes = result.bytes();
        RemoveCommand.removeEmptiedFolder(from);
      }
    }
    err.printf(
        "moved %d object%s, %s in %.2f s%n",
        moved, moved == 1 ? "" : "s", Sizes.human(bytes), (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
