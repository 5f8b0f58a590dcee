package dev.stowage.cli;

import dev.stowage.api.Capability;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.Listings;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.TransferResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "cp",
    description =
        "Copy an object, or with -r every object under a directory or prefix, verifying each"
            + " by CRC-32C. A destination ending with '/' or naming a directory receives the source's name.")
final class CopyCommand implements Callable<Integer> {
  @ParentCommand Stowage stowage;

  @Parameters(
      index = "0",
      paramLabel = "SRC",
      description = "The object or, with -r, directory to copy.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "Where to copy it.")
  String destination;

  @Option(
      names = {"-r", "--recursive"},
      description = "Copy every object under SRC.")
  boolean recursive;

  @Option(
      names = {"-n", "--no-clobber"},
      description = "Fail instead of overwriting an existing object.")
  boolean noClobber;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print each object copied.")
  boolean verbose;

  private final TransferEngine engine = TransferEngine.create();

  @Override
  public Integer call() {
    Target from = Target.parse(source);
    Target to = Target.parse(destination);
    long started = System.nanoTime();
    long objects = 0;
    long bytes = 0;
    try (Stores stores = stowage.stores()) {
      ObjectStore sourceStore = stores.open(from.store());
      ObjectStore targetStore = stores.open(to.store());
      if (!recursive) {
        if (from.isDirectory()) {
          throw Stowage.CliException.usage(
              source + " is a directory. Copy it with 'stowage cp -r'.");
        }
        String key = to.isDirectory() ? to.key() + from.name() : to.key();
        bytes += copy(sourceStore, from.key(), targetStore, key, from, to);
        objects++;
      } else {
        refuseCopyIntoItself(from, to);
        String prefix = from.directoryPrefix();
        String targetPrefix = to.directoryPrefix();
        for (ObjectInfo object :
            (Iterable<ObjectInfo>)
                Listings.objects(sourceStore, ListRequest.of(prefix))::iterator) {
          String key = targetPrefix + object.key().substring(prefix.length());
          bytes += copy(sourceStore, object.key(), targetStore, key, from, to);
          objects++;
        }
        if (objects == 0) {
          throw Stowage.CliException.failure(
              "nothing to copy: no object under " + from.describe() + ". Check the source path.");
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    stowage
        .spec
        .commandLine()
        .getErr()
        .printf(
            "copied %d object%s, %s in %.2f s%n",
            objects, objects == 1 ? "" : "s", Sizes.human(bytes), seconds);
    return 0;
  }

  private long copy(
      ObjectStore sourceStore,
      String sourceKey,
      ObjectStore targetStore,
      String targetKey,
      Target from,
      Target to) {
    WriteOptions options = WriteOptions.DEFAULTS;
    if (noClobber) {
      if (targetStore.capabilities().supports(Capability.CONDITIONAL_CREATE)) {
        options = WriteOptions.builder().createOnly(true).build();
      } else if (targetStore.stat(targetKey).isPresent()) {
        throw exists(to, targetKey);
      }
    }
    try {
      TransferResult result = engine.copy(sourceStore, sourceKey, targetStore, targetKey, options);
      if (verbose) {
        stowage
            .spec
            .commandLine()
            .getOut()
            .println(
                new Target(from.store(), sourceKey, "").describe()
                    + " -> "
                    + new Target(to.store(), targetKey, "").describe());
      }
      return result.bytes();
    } catch (PreconditionFailedException e) {
      throw exists(to, targetKey);
    }
  }

  private static RuntimeException exists(Target to, String key) {
    return Stowage.CliException.failure(
        new Target(to.store(), key, "").describe()
            + " exists and --no-clobber is set; nothing was overwritten."
            + " Remove it or drop --no-clobber.");
  }

  private static void refuseCopyIntoItself(Target from, Target to) {
    if (from.store().isFile() && to.store().isFile()) {
      Path source = Path.of(from.store().path()).resolve(from.directoryPrefix());
      Path target = Path.of(to.store().path()).resolve(to.directoryPrefix());
      if (target.normalize().startsWith(source.normalize())) {
        throw Stowage.CliException.usage(
            "the destination "
                + to.text()
                + " is inside the source "
                + from.text()
                + ". Choose a destination outside it.");
      }
    }
  }
}
