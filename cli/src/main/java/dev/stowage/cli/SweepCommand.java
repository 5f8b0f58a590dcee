package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.engine.SweepResult;
import dev.stowage.engine.TransferEngine;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
    name = "sweep",
    description =
        "Abort abandoned multipart uploads under a location: those older than --older-than, and"
            + " those whose abort failed earlier (kept in ~/.stowage/aborted-uploads). Notes of"
            + " uploads a killed 'cp' left for a resume are dropped once their upload is gone. In a"
            + " local folder, also the partial files killed downloads left.")
final class SweepCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The bucket or prefix to sweep.")
  String location;

  @Option(
      names = "--older-than",
      paramLabel = "AGE",
      defaultValue = "24h",
      description =
          "How old an upload must be, such as 30m, 24h or 7d (default: ${DEFAULT-VALUE}); younger"
              + " ones may still be running.")
  String olderThan;

  @Override
  public Integer call() {
    Duration age = parseAge("--older-than", olderThan);
    Target target = Target.parse(location);
    PrintWriter err = stowage.spec.commandLine().getErr();
    SweepResult result;
    try (Stores stores = stowage.stores();
        TransferEngine engine =
            TransferEngine.builder()
                .abortJournal(TransferOptions.journal())
                .resumeJournal(TransferOptions.resumeJournal())
                .build()) {
      ObjectStore store = stores.open(target.store());
      result = engine.sweep(store, target.key(), age);
      java.util.Optional<java.nio.file.Path> folder =
          target.localFolder().filter(java.nio.file.Files::isDirectory);
      if (folder.isPresent()) {
        long removed = engine.sweepPartialDownloads(folder.get(), age);
        err.printf(
            "removed %d file%s that killed downloads left%n", removed, removed == 1 ? "" : "s");
      }
    }
    for (Map.Entry<String, StorageException> failure : result.failures().entrySet()) {
      err.println("stowage: upload " + failure.getKey() + ": " + failure.getValue().getMessage());
    }
    err.printf(
        "aborted %d of %d abandoned upload%s%n",
        result.aborted(), result.found(), result.found() == 1 ? "" : "s");
    if (!result.failures().isEmpty()) {
      throw Stowage.CliException.failure(
          result.failures().size()
              + " uploads could not be aborted; see above. Sweep again later.");
    }
    return 0;
  }

  static Duration parseAge(String option, String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (trimmed.matches("\\d+[smhd]")) {
        long n = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
        return switch (trimmed.charAt(trimmed.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      Duration parsed = Duration.parse(text.trim());
      if (!parsed.isNegative()) {
        return parsed;
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // fall through to the usage error
    }
    throw Stowage.CliException.usage(
        option + " '" + text + "' is not an age; write it as 30m, 24h, 7d or PT1H.");
  }
}
