package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.engine.SyncAction;
import dev.stowage.engine.SyncComparison;
import dev.stowage.engine.SyncOptions;
import dev.stowage.engine.SyncResult;
import dev.stowage.engine.TransferEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "sync",
    description =
        "Make the objects under DST those under SRC: copy what DST lacks or holds otherwise,"
            + " verified, and nothing else; with --delete, remove what SRC lacks. A second sync of"
            + " an unchanged tree copies nothing.")
final class SyncCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "SRC", description = "The folder or prefix to copy from.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "The folder or prefix to make alike.")
  String destination;

  @Option(
      names = "--compare",
      paramLabel = "HOW",
      defaultValue = "auto",
      description =
          "When sizes agree, how objects are compared: auto (a checksum both listings carry, else"
              + " time), checksum (asking each store; copied if none in common), time (copied if"
              + " the source is newer) or size (default: ${DEFAULT-VALUE}).")
  String compare;

  @Option(
      names = "--delete",
      description = "Also delete from DST what SRC lacks, once every copy succeeded.")
  boolean delete;

  @Option(
      names = "--max-delete",
      paramLabel = "N",
      description = "With --delete, delete nothing at all if more than N objects would go.")
  Long maxDelete;

  @Option(
      names = "--dry-run",
      description = "Print what would be copied and deleted, and change nothing.")
  boolean dryRun;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description =
          "Write the planned work to FILE as JSON Lines and do none of it; 'stowage run FILE"
              + " [--shard I/N]' executes it, whole or in shards.")
  Path plan;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print each object copied or deleted, with why.")
  boolean verbose;

  @Option(
      names = "--json",
      description =
          "Print each action as a JSON line (action, key, size, reason), then the totals (copied,"
              + " bytes, unchanged, deleted, seconds, dryRun).")
  boolean json;

  @Mixin FilterOptions filters;

  @Mixin TransferOptions transfer;

  @Override
  @SuppressWarnings("try") // interrupts guards the engine for the try's length; it is not used
  public Integer call() {
    SyncOptions.Builder options =
        SyncOptions.builder().comparison(comparison()).filter(filters.filter());
    if (maxDelete != null) {
      if (!delete) {
        throw Stowage.CliException.usage("--max-delete needs --delete.");
      }
      if (maxDelete < 0) {
        throw Stowage.CliException.usage("--max-delete must be 0 or more, not " + maxDelete + ".");
      }
      options.maxDelete(maxDelete);
    }
    Target from = Target.parse(source);
    Target to = Target.parse(destination);
    if (!from.isDirectory() && from.isLocal()) {
      throw Stowage.CliException.usage(
          source
              + " is a file. sync works on folders and prefixes; copy one file with 'stowage cp'.");
    }
    CopyCommand.refuseCopyIntoItself(from, to);
    PrintWriter out = stowage.spec.commandLine().getOut();
    PrintWriter err = stowage.spec.commandLine().getErr();
    PlanFile.Writer planned = plan == null ? null : planWriter(from, to);
    options
        .delete(delete)
        .dryRun(dryRun || planned != null)
        .listener(
            action -> {
              if (planned != null) {
                planned.add(action, from.directoryPrefix(), to.directoryPrefix());
              } else if (json) {
                JsonOutput.line(
                    out,
                    Map.of(
                        "action", action.kind().name().toLowerCase(Locale.ROOT),
                        "key", action.key(),
                        "size", action.size(),
                        "reason", action.reason()));
              } else if (dryRun || verbose) {
                out.println(line(action));
                out.flush();
              }
            });
    SyncResult result;
    try (Stores stores = stowage.stores();
        ProgressDisplay progress =
            ProgressDisplay.start("sync", !transfer.quiet && !dryRun, err, done -> {});
        TransferEngine engine = transfer.engine(progress);
        Interrupts interrupts = Interrupts.guard(engine, err)) {
      stowage.measure("sync", progress);
      ObjectStore sourceStore = stores.open(from.store());
      ObjectStore targetStore = stores.destination(to);
      result =
          engine.sync(
              sourceStore,
              from.directoryPrefix(),
              targetStore,
              to.directoryPrefix(),
              options.build());
    } finally {
      if (planned != null) {
        closePlan(planned);
      }
    }
    if (planned != null) {
      err.printf(
          "planned: %d objects (%s) to copy, %d unchanged%s; written to %s. Run it with 'stowage"
              + " run %s', or in shards with --shard I/N.%n",
          result.copied(),
          Sizes.human(result.bytes()),
          result.unchanged(),
          delete ? ", " + result.deleted() + " to delete" : "",
          plan,
          plan);
      return 0;
    }
    for (Map.Entry<String, StorageException> failure : result.failures().entrySet()) {
      err.println("stowage: " + failure.getValue().getMessage());
    }
    if (json) {
      Map<String, Object> totals = new java.util.LinkedHashMap<>();
      totals.put("copied", result.copied());
      totals.put("bytes", result.bytes());
      totals.put("unchanged", result.unchanged());
      totals.put("deleted", result.deleted());
      totals.put("failed", result.failures().size());
      totals.put("seconds", result.duration().toMillis() / 1000.0);
      totals.put("dryRun", dryRun);
      JsonOutput.line(out, Map.of("totals", totals));
    } else {
      err.println(summary(result));
    }
    if (!result.isComplete()) {
      throw Stowage.CliException.failure(
          result.failures().size()
              + " objects could not be copied; see above. The others were synced"
              + (delete ? "; nothing was deleted." : "."));
    }
    return 0;
  }

  private PlanFile.Writer planWriter(Target from, Target to) {
    try {
      return new PlanFile.Writer(plan, from.store().toString(), to.store().toString());
    } catch (java.io.IOException e) {
      throw Stowage.CliException.usage(
          "--plan " + plan + " cannot be written (" + e.getMessage() + ").");
    }
  }

  private static void closePlan(PlanFile.Writer planned) {
    try {
      planned.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the plan: " + e.getMessage(), e);
    }
  }

  private SyncComparison comparison() {
    try {
      return SyncComparison.valueOf(compare.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Stowage.CliException.usage(
          "--compare takes auto, checksum, time or size, not '" + compare + "'.");
    }
  }

  private String line(SyncAction action) {
    String verb =
        action.kind() == SyncAction.Kind.COPY
            ? (dryRun ? "would copy " : "copy ")
            : (dryRun ? "would delete " : "delete ");
    return verb + action.key() + " (" + action.reason() + ", " + Sizes.human(action.size()) + ")";
  }

  private String summary(SyncResult result) {
    String counts =
        result.copied()
            + (result.copied() == 1 ? " object" : " objects")
            + " ("
            + Sizes.human(result.bytes())
            + ")"
            + (dryRun ? " to copy" : " copied")
            + ", "
            + result.unchanged()
            + " unchanged"
            + (delete ? ", " + result.deleted() + (dryRun ? " to delete" : " deleted") : "");
    return dryRun
        ? "dry run: " + counts + "; nothing was changed"
        : String.format(
            Locale.ROOT, "synced: %s in %.2f s", counts, result.duration().toNanos() / 1e9);
  }
}
