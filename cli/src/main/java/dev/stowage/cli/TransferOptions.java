package dev.stowage.cli;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.TransferEngineBuilder;
import dev.stowage.engine.TransferListener;
import dev.stowage.engine.TransferResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The engine's knobs, as options of the commands that transfer. */
final class TransferOptions {
  /** Checksums the engine can be asked to compute besides CRC-32C. */
  enum Checksum {
    auto,
    crc32c,
    crc64ecma
  }

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Requests in flight at once, files and parts together (default: ${DEFAULT-VALUE}).")
  int concurrency = TransferEngineBuilder.DEFAULT_CONCURRENCY;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      converter = Sizes.Converter.class,
      description =
          "Part size of multipart transfers, such as 16MiB; smaller objects go in one request"
              + " (default: 8MiB).")
  long partSize = TransferEngineBuilder.DEFAULT_PART_SIZE;

  @Option(
      names = "--memory-budget",
      paramLabel = "SIZE",
      converter = Sizes.Converter.class,
      description =
          "Memory for part buffers of streamed uploads, such as 256MiB (default: 128MiB).")
  long memoryBudget = TransferEngineBuilder.DEFAULT_MEMORY_BUDGET;

  @Option(
      names = "--checksum",
      paramLabel = "ALGORITHM",
      description =
          "Checksum to compute and verify besides those the stores record: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}; CRC-32C is always computed).")
  Checksum checksum = Checksum.auto;

  @Option(
      names = "--verify",
      paramLabel = "HOW",
      description =
          "How to verify an object the store reports no checksum of: size (compare its size in a"
              + " stat) or read (read it back and compare its checksum). Default: ${DEFAULT-VALUE}.")
  Verify verify = Verify.size;

  /** What to do when the store's word holds no checksum the engine computed. */
  enum Verify {
    size,
    read
  }

  @Option(
      names = "--bandwidth-limit",
      paramLabel = "SIZE",
      converter = Sizes.Converter.class,
      description = "Bytes per second at most, all transfers together, such as 20MiB.")
  Long bandwidthLimit;

  @Option(
      names = "--no-resume",
      description =
          "Start every upload afresh, even one a killed run left that could be continued (by"
              + " default such an upload is continued: the parts the store holds that match the"
              + " file are kept).")
  boolean noResume;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar (there is none anyway when output is not a terminal).")
  boolean quiet;

  /** The abort journal every command shares, in the user's home. */
  static Path journal() {
    return Path.of(System.getProperty("user.home"), ".stowage", "aborted-uploads");
  }

  /** Where uploads in progress are noted, so that a rerun after a kill continues them. */
  static Path resumeJournal() {
    return Path.of(System.getProperty("user.home"), ".stowage", "uploads");
  }

  TransferEngine engine(TransferListener listener) {
    if (concurrency < 1) {
      throw Stowage.CliException.usage("--concurrency must be at least 1, not " + concurrency);
    }
    if (partSize < 1 || partSize > Integer.MAX_VALUE - 8) {
      throw Stowage.CliException.usage("--part-size must be 1 byte to 2 GiB, not " + partSize);
    }
    if (memoryBudget < partSize) {
      throw Stowage.CliException.usage(
          "--memory-budget of "
              + Sizes.human(memoryBudget)
              + " cannot hold one part of "
              + Sizes.human(partSize)
              + ". Raise it or lower --part-size.");
    }
    TransferEngineBuilder builder =
        TransferEngine.builder()
            .concurrency(concurrency)
            .partSize(partSize)
            .memoryBudget(memoryBudget)
            .listener(listener)
            .abortJournal(journal())
            .verifyByReadingBack(verify == Verify.read);
    if (!noResume) {
      builder.resumeJournal(resumeJournal());
    }
    if (bandwidthLimit != null) {
      if (bandwidthLimit < 1) {
        throw Stowage.CliException.usage("--bandwidth-limit must be at least 1 byte per second");
      }
      builder.bandwidthLimit(bandwidthLimit);
    }
    asked().ifPresent(builder::checksums);
    return builder.build();
  }

  /** The checksum {@code --checksum} names, if it names one. */
  Optional<ChecksumAlgorithm> asked() {
    return switch (checksum) {
      case crc32c -> Optional.of(ChecksumAlgorithm.CRC32C);
      case crc64ecma -> Optional.of(ChecksumAlgorithm.CRC64ECMA);
      case auto -> Optional.empty();
    };
  }

  /** The checksum {@code --checksum} asked for of an object, as its store would show it, or "". */
  String askedChecksum(TransferResult result) {
    return asked()
        .filter(algorithm -> result.checksums().containsKey(algorithm))
        .map(
            algorithm ->
                "; "
                    + algorithm.name().toLowerCase(Locale.ROOT)
                    + " "
                    + StatCommand.checksum(algorithm, result.checksums().get(algorithm)))
        .orElse("");
  }
}
