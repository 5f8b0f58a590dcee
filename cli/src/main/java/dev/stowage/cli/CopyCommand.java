package dev.stowage.cli;

import dev.stowage.api.Capability;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.BatchResult;
import dev.stowage.engine.ObjectFilter;
import dev.stowage.engine.SymbolicLinks;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.TransferResult;
import dev.stowage.engine.internal.Listings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "cp",
    description =
        "Copy an object, or with -r every object under a directory or prefix, in parallel parts,"
            + " verifying each by checksum end to end. A destination ending with '/' or naming a"
            + " directory receives the source's name.")
final class CopyCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

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

  @Option(
      names = {"-L", "--copy-links"},
      description =
          "Follow symbolic links in a local source; without it each is left out and counted. A"
              + " link to a folder it is in, or to nothing, is left out either way.")
  boolean copyLinks;

  @Option(
      names = "--dry-run",
      description = "With -r, print what would be copied, and copy nothing.")
  boolean dryRun;

  @Option(
      names = "--json",
      description =
          "Print the totals as one JSON line on standard output: copied, bytes, seconds,"
              + " verification, leftOut.")
  boolean json;

  @Mixin FilterOptions filters;

  @Mixin TransferOptions transfer;

  @Override
  @SuppressWarnings("try") // interrupts guards the engine for the try's length; it is not used
  public Integer call() {
    boolean fromStandardInput = source.equals("-");
    if (fromStandardInput && recursive) {
      throw Stowage.CliException.usage(
          "cp - reads one object from standard input; -r does not go with it.");
    }
    Target from = fromStandardInput ? null : Target.parse(source);
    Target to = Target.parse(destination);
    if (fromStandardInput && to.isDirectory()) {
      throw Stowage.CliException.usage(
          "cp - needs the name of the object to write, and "
              + destination
              + " names a folder. Give the whole key, such as s3://bucket/db.dump.");
    }
    filters.requireRecursive(recursive, dryRun);
    ObjectFilter filter = filters.filter();
    PrintWriter out = stowage.spec.commandLine().getOut();
    PrintWriter err = stowage.spec.commandLine().getErr();
    long started = System.nanoTime();
    long objects;
    long bytes;
    long leftOut = 0;
    String verification;
    try (Stores stores = stowage.stores();
        ProgressDisplay progress =
            ProgressDisplay.start(
                "cp",
                !transfer.quiet,
                err,
                result -> {
                  if (verbose) {
                    synchronized (out) {
                      out.println(
                          new Target(to.store(), writtenKey(from, to, result.object().key()), "")
                                  .describe()
                              + " (verified by "
                              + result.verifiedBy()
                              + transfer.askedChecksum(result)
                              + ")");
                    }
                  }
                });
        TransferEngine engine = transfer.engine(progress);
        Interrupts interrupts = Interrupts.guard(engine, err)) {
      stowage.measure("cp", progress);
      ObjectStore targetStore = stores.destination(to);
      if (fromStandardInput) {
        try {
          // streamed in parts as it comes, of unknown length, within the memory budget
          bytes =
              engine
                  .upload(stowage.rawIn(), targetStore, to.key(), writeOptions(targetStore))
                  .bytes();
        } catch (PreconditionFailedException e) {
          throw Stowage.CliException.failure(exists(to, to.key()));
        }
        objects = 1;
      } else if (!recursive) {
        ObjectStore sourceStore = stores.open(from.store());
        if (from.isDirectory()) {
          throw Stowage.CliException.usage(
              source + " is a directory. Copy it with 'stowage cp -r'.");
        }
        String key = to.isDirectory() ? to.key() + from.name() : to.key();
        bytes = copyOne(engine, sourceStore, from, targetStore, key, to);
        objects = 1;
      } else {
        ObjectStore sourceStore = stores.open(from.store());
        refuseCopyIntoItself(from, to);
        if (dryRun) {
          return planCopies(sourceStore, from, filter, out, err);
        }
        BatchResult result;
        try {
          result = copyAll(engine, sourceStore, from, targetStore, to, filter);
        } catch (StorageException e) {
          throw stopped(e, progress.done());
        }
        for (Map.Entry<String, StorageException> failure : result.failures().entrySet()) {
          err.println("stowage: " + failureMessage(failure.getValue(), to));
        }
        if (verbose) {
          result.skipped().forEach((path, why) -> err.println("skipped " + path + ": " + why));
        }
        leftOut = result.skipped().size();
        if (!result.isComplete()) {
          throw Stowage.CliException.failure(
              result.failures().size()
                  + " of "
                  + (result.objects() + result.failures().size())
                  + " objects could not be copied; see above. The others were copied and verified.");
        }
        if (result.objects() == 0 && !from.isExistingLocalFolder()) {
          throw Stowage.CliException.failure(
              "nothing to copy: no object under "
                  + from.describe()
                  + "."
                  + (leftOut == 0 ? " Check the source path." : leftOutNote(leftOut)));
        }
        objects = result.objects();
        bytes = result.bytes();
      }
      verification = progress.verification();
    }
    return summary(err, started, objects, bytes, verification, leftOut);
  }

  private int summary(
      PrintWriter err, long started, long objects, long bytes, String verification, long leftOut) {
    double seconds = (System.nanoTime() - started) / 1e9;
    if (json) {
      Map<String, Object> totals = new java.util.LinkedHashMap<>();
      totals.put("copied", objects);
      totals.put("bytes", bytes);
      totals.put("seconds", Math.round(seconds * 1000) / 1000.0);
      totals.put("verification", verification);
      totals.put("leftOut", leftOut);
      JsonOutput.line(stowage.spec.commandLine().getOut(), Map.of("totals", totals));
      return 0;
    }
    err.printf(
        "copied %d object%s, %s in %.2f s%s%n",
        objects,
        objects == 1 ? "" : "s",
        Sizes.human(bytes),
        seconds,
        (verification.isEmpty() ? "" : ", " + verification)
            + (leftOut == 0 ? "" : ";" + leftOutNote(leftOut)));
    return 0;
  }

  private String leftOutNote(long leftOut) {
    List<String> hints = new ArrayList<>();
    if (!verbose) {
      hints.add("-v lists them");
    }
    if (!copyLinks) {
      hints.add("-L follows symbolic links");
    }
    return " left out "
        + leftOut
        + (leftOut == 1 ? " path that is not a regular file" : " paths that are not regular files")
        + (hints.isEmpty() ? "" : " (" + String.join("; ", hints) + ")");
  }

  /**
   * Copies one object: from a local path as a file upload (its time and permissions go with it),
   * into a local directory from a remote store as a ranged download.
   */
  private long copyOne(
      TransferEngine engine,
      ObjectStore sourceStore,
      Target from,
      ObjectStore targetStore,
      String targetKey,
      Target to) {
    try {
      if (downloads(sourceStore.location(), targetStore.location())) {
        Path file = Path.of(to.store().path()).resolve(targetKey);
        return engine.download(sourceStore, from.key(), file).bytes();
      }
      if (from.isPlainPath()) {
        Path file = Path.of(from.store().path()).resolve(from.key());
        if (!Files.isRegularFile(file)) {
          throw Stowage.CliException.failure(
              "cannot read " + file + ": no such file. Check the path.");
        }
        return engine.upload(file, targetStore, targetKey, writeOptions(targetStore)).bytes();
      }
      TransferResult result =
          engine.copy(sourceStore, from.key(), targetStore, targetKey, writeOptions(targetStore));
      return result.bytes();
    } catch (PreconditionFailedException e) {
      throw Stowage.CliException.failure(exists(to, targetKey));
    }
  }

  /** A dry run: the objects a copy would take, one per line, and a total; nothing is copied. */
  private static int planCopies(
      ObjectStore sourceStore, Target from, ObjectFilter filter, PrintWriter out, PrintWriter err) {
    String prefix = from.directoryPrefix();
    long count = 0;
    long bytes = 0;
    try (Stream<ObjectInfo> objects =
        Listings.objects(sourceStore, ListRequest.of(prefix))
            .filter(o -> !o.key().endsWith("/"))
            .filter(o -> filter.accepts(o, o.key().substring(prefix.length())))) {
      for (ObjectInfo object : (Iterable<ObjectInfo>) objects::iterator) {
        out.println("would copy " + object.key().substring(prefix.length()));
        count++;
        bytes += object.size();
      }
    }
    out.flush();
    err.printf(
        "dry run: %d object%s (%s) to copy; nothing was copied%n",
        count, count == 1 ? "" : "s", Sizes.human(bytes));
    return 0;
  }

  private BatchResult copyAll(
      TransferEngine engine,
      ObjectStore sourceStore,
      Target from,
      ObjectStore targetStore,
      Target to,
      ObjectFilter filter) {
    String prefix = from.directoryPrefix();
    String targetPrefix = to.directoryPrefix();
    if (from.isLocal()) {
      Path directory = from.localFolder().orElseThrow();
      if (!Files.isDirectory(directory)) {
        throw Stowage.CliException.failure(
            "cannot read " + directory + ": no such folder. Check the source path.");
      }
      return engine.uploadAll(
          directory,
          copyLinks ? SymbolicLinks.FOLLOW : SymbolicLinks.SKIP,
          filter,
          targetStore,
          targetPrefix,
          writeOptions(targetStore));
    }
    if (downloads(sourceStore.location(), targetStore.location())) {
      Path directory = Path.of(to.store().path()).resolve(targetPrefix);
      return engine.downloadAll(sourceStore, prefix, directory, filter);
    }
    return engine.copyAll(
        sourceStore, prefix, targetStore, targetPrefix, writeOptions(targetStore), filter);
  }

  /**
   * The key written for an object done: the result's own, except for a download, whose result names
   * the object read.
   */
  private String writtenKey(Target from, Target to, String resultKey) {
    if (from == null || !downloads(from.store(), to.store())) {
      return resultKey;
    }
    if (recursive) {
      return to.directoryPrefix() + resultKey.substring(from.directoryPrefix().length());
    }
    return to.isDirectory() ? to.key() + from.name() : to.key();
  }

  /**
   * Whether a copy from a remote store into local files goes as parallel ranged downloads (not with
   * {@code -n}, which needs the filesystem store's create-only write).
   */
  private boolean downloads(StorageLocation source, StorageLocation target) {
    return target.localPath().isPresent() && source.localPath().isEmpty() && !noClobber;
  }

  private WriteOptions writeOptions(ObjectStore targetStore) {
    if (!noClobber) {
      return WriteOptions.DEFAULTS;
    }
    if (!targetStore.capabilities().supports(Capability.CONDITIONAL_CREATE)) {
      throw Stowage.CliException.usage(
          "--no-clobber needs a destination that can refuse overwrites atomically, and "
              + targetStore.location()
              + " cannot. Drop --no-clobber or choose another destination.");
    }
    return WriteOptions.builder().createOnly(true).build();
  }

  /** A failure that stopped a recursive copy, with how far it had come. */
  private static RuntimeException stopped(StorageException e, long copied) {
    if (Stowage.exitCode(e) != Stowage.FAILURE) {
      return e; // a usage error stays one
    }
    return Stowage.CliException.failure(
        e.getMessage()
            + " The copy stopped there: "
            + copied
            + (copied == 1 ? " object was" : " objects were")
            + " copied and verified, the others were not copied.");
  }

  private static String failureMessage(StorageException e, Target to) {
    return e instanceof PreconditionFailedException && e.context().key().isPresent()
        ? exists(to, e.context().key().get())
        : e.getMessage();
  }

  private static String exists(Target to, String key) {
    return new Target(to.store(), key, "").describe()
        + " exists and --no-clobber is set; nothing was overwritten."
        + " Remove it or drop --no-clobber.";
  }

  static void refuseCopyIntoItself(Target from, Target to) {
    if (from.isLocal() && to.isLocal()) {
      Path source = from.localFolder().orElseThrow();
      Path target = to.localFolder().orElseThrow();
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
