package dev.stowage.cli;

import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.engine.TransferEngine;
import dev.stowage.replica.LtxFile;
import dev.stowage.replica.ReplicaClient;
import dev.stowage.replica.RestoreListener;
import dev.stowage.replica.RestorePlan;
import dev.stowage.replica.RestoreResult;
import dev.stowage.replica.RestoreTarget;
import dev.stowage.replica.TimestampMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "replica",
    description =
        "List, verify and restore Litestream replicas (LTX files) on any store, in Litestream's"
            + " layout.",
    subcommands = {
      ReplicaCommand.ListFiles.class,
      ReplicaCommand.Verify.class,
      ReplicaCommand.Restore.class
    })
final class ReplicaCommand implements Runnable {
  @ParentCommand Stowage stowage;

  @Override
  public void run() {
    throw Stowage.CliException.usage("a replica command is required (ls, verify, restore)");
  }

  /** Opens the replica at a URI and runs an action with its client. */
  private <T> T withClient(String uri, java.util.function.Function<ReplicaClient, T> action) {
    StorageLocation location = StorageLocation.parse(uri);
    try (Stores stores = stowage.stores();
        TransferEngine engine = TransferEngine.create()) {
      ObjectStore store = stores.open(location);
      return action.apply(ReplicaClient.of(store, engine));
    }
  }

  /**
   * Opens the replica and runs an action that writes local files, guarded against Ctrl-C and
   * SIGTERM: its reads are cancelled and it removes what it wrote before the process exits.
   *
   * @param leftover what to say if it is still stopping when the cleanup's time is up
   */
  @SuppressWarnings("try") // the guard watches the engine for the try's length; it is not used
  private <T> T withGuardedClient(
      String uri, String leftover, java.util.function.Function<ReplicaClient, T> action) {
    StorageLocation location = StorageLocation.parse(uri);
    PrintWriter err = stowage.spec.commandLine().getErr();
    try (Stores stores = stowage.stores();
        TransferEngine engine = TransferEngine.create();
        Interrupts guard = Interrupts.guardUntilEnded(engine, err, leftover)) {
      ObjectStore store = stores.open(location);
      return action.apply(ReplicaClient.of(store, engine));
    }
  }

  private static List<Integer> levels(ReplicaClient client, Integer only) {
    return only != null ? List.of(only) : client.levels();
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "ls",
      description = "List the LTX files of a replica, level by level.")
  static final class ListFiles implements Callable<Integer> {
    @ParentCommand ReplicaCommand replica;

    @Parameters(index = "0", paramLabel = "URI", description = "The replica, such as s3://b/db.")
    String uri;

    @Option(names = "--level", paramLabel = "N", description = "Only this level (9: snapshots).")
    Integer level;

    @Option(
        names = "--timestamps",
        description =
            "Show each file's exact creation time from its metadata (one request per file, 50 in"
                + " flight) instead of the listing's time.")
    boolean timestamps;

    @Override
    public Integer call() {
      PrintWriter out = replica.stowage.spec.commandLine().getOut();
      TimestampMode mode = timestamps ? TimestampMode.EXACT : TimestampMode.LISTED;
      return replica.withClient(
          uri,
          client -> {
            out.printf("%-5s %-16s %-16s %12s %s%n", "LEVEL", "MIN", "MAX", "SIZE", "CREATED");
            for (int n : levels(client, level)) {
              for (LtxFile file : client.files(n, 0, mode)) {
                out.printf(
                    Locale.ROOT,
                    "%-5d %016x %016x %12d %s%n",
                    file.level(),
                    file.minTxid(),
                    file.maxTxid(),
                    file.size(),
                    file.createdAt());
              }
            }
            return 0;
          });
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "verify",
      description =
          "Read every LTX file of a replica and check its checksums, then check that the latest"
              + " state can be restored.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand ReplicaCommand replica;

    @Parameters(index = "0", paramLabel = "URI", description = "The replica, such as s3://b/db.")
    String uri;

    @Override
    public Integer call() {
      PrintWriter out = replica.stowage.spec.commandLine().getOut();
      PrintWriter err = replica.stowage.spec.commandLine().getErr();
      return replica.withClient(
          uri,
          client -> {
            int checked = 0;
            int corrupt = 0;
            for (int n : client.levels()) {
              for (LtxFile file : client.files(n, 0, TimestampMode.LISTED)) {
                checked++;
                try {
                  client.verify(file);
                } catch (IntegrityException e) {
                  corrupt++;
                  err.println("stowage: " + e.getMessage());
                }
              }
            }
            if (corrupt > 0) {
              throw Stowage.CliException.failure(
                  corrupt + " of " + checked + " LTX files are corrupt; see above.");
            }
            RestorePlan plan = client.plan(RestoreTarget.latest());
            out.printf(
                "%d LTX files verified; the latest state, transaction %d, restores from %d files%n",
                checked, plan.txid(), plan.files().size());
            return 0;
          });
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "restore",
      description =
          "Restore a SQLite database from a replica: the latest state, a transaction or a point in"
              + " time. Each file is verified; the output appears only when complete.")
  static final class Restore implements Callable<Integer> {
    @ParentCommand ReplicaCommand replica;

    @Parameters(index = "0", paramLabel = "URI", description = "The replica, such as s3://b/db.")
    String uri;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "The database file to create; it must not exist.")
    Path output;

    @ArgGroup(exclusive = true)
    Point point;

    static final class Point {
      @Option(names = "--txid", paramLabel = "N", description = "The state after transaction N.")
      Long txid;

      @Option(
          names = "--timestamp",
          paramLabel = "TIME",
          description = "The last state before TIME, such as 2026-11-23T10:00:00Z.")
      String timestamp;
    }

    @Option(
        names = {"-q", "--quiet"},
        description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
      RestoreTarget target = target();
      PrintWriter err = replica.stowage.spec.commandLine().getErr();
      Path folder = output.toAbsolutePath().getParent();
      RestoreResult result =
          replica.withGuardedClient(
              uri,
              "the restore was still stopping when time was up; 'stowage sweep --older-than 0s "
                  + folder
                  + "' removes its partial file",
              client -> {
                RestorePlan plan = client.plan(target);
                try (ProgressBar bar =
                    quiet ? null : ProgressDisplay.terminalBar("restore", plan.bytes())) {
                  RestoreListener listener =
                      bar == null ? RestoreListener.NONE : (file, done, total) -> bar.stepTo(done);
                  return client.restore(plan, output, listener);
                }
              });
      err.printf(
          "restored %s to transaction %d from %d files (%d pages of %d bytes, %d bytes read) in"
              + " %d ms%n",
          result.database(),
          result.txid(),
          result.files(),
          result.pages(),
          result.pageSize(),
          result.bytesRead(),
          result.duration().toMillis());
      return 0;
    }

    private RestoreTarget target() {
      if (point == null) {
        return RestoreTarget.latest();
      }
      if (point.txid != null) {
        if (point.txid < 1) {
          throw Stowage.CliException.usage("--txid must be 1 or more, not " + point.txid);
        }
        return RestoreTarget.txid(point.txid);
      }
      return RestoreTarget.before(parseTime(point.timestamp));
    }

    static Instant parseTime(String text) {
      try {
        return OffsetDateTime.parse(text.trim()).toInstant();
      } catch (DateTimeParseException e) {
        throw Stowage.CliException.usage(
            "--timestamp '"
                + text
                + "' is not an RFC 3339 time. Write it as 2026-11-23T10:00:00Z or with an offset"
                + " such as +01:00.");
      }
    }
  }
}
