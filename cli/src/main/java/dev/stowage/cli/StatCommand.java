package dev.stowage.cli;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "stat",
    description = "Show an object's size, time, ETag, checksums and user metadata.")
final class StatCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The object.")
  String location;

  @Option(
      names = "--json",
      description = "One JSON object: location, key, size, modified, etag, checksums, metadata.")
  boolean json;

  @Override
  public Integer call() {
    Target target = Target.parseObject(location);
    PrintWriter out = stowage.spec.commandLine().getOut();
    try (Stores stores = stowage.stores()) {
      ObjectStore store = stores.open(target.store());
      ObjectInfo info =
          store
              .stat(target.key())
              .orElseThrow(
                  () ->
                      new ObjectNotFoundException(
                          ErrorContext.of(StorageOperation.STAT, target.store())
                              .withKey(target.key()),
                          "no such object. List the location with 'stowage ls'."));
      if (json) {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("location", target.describe());
        fields.putAll(JsonOutput.object(info, target.key()));
        JsonOutput.line(out, fields);
        return 0;
      }
      line(out, "location", target.describe());
      line(out, "size", info.size() + " (" + Sizes.human(info.size()) + ")");
      line(out, "modified", info.lastModified().map(ListCommand::toTheSecond).orElse("-"));
      line(out, "etag", info.etag().orElse("-"));
      info.checksums()
          .forEach(
              (algorithm, value) ->
                  line(out, algorithm.name().toLowerCase(Locale.ROOT), checksum(algorithm, value)));
      new TreeMap<>(info.userMetadata())
          .forEach((name, value) -> line(out, "meta", name + "=" + value));
    }
    return 0;
  }

  /** One line, its values aligned whatever the label ({@code crc64ecma:} is the longest). */
  private static void line(PrintWriter out, String label, String value) {
    out.println(String.format("%-11s%s", label + ":", value));
  }

  /**
   * A checksum as its store shows it: CRC-64/ECMA in unsigned decimal, as OSS, ossutil and the
   * console give it, with the hex beside; the others in hex.
   */
  static String checksum(ChecksumAlgorithm algorithm, String hex) {
    if (algorithm == ChecksumAlgorithm.CRC64ECMA) {
      try {
        return Long.toUnsignedString(Long.parseUnsignedLong(hex, 16)) + " (hex " + hex + ")";
      } catch (NumberFormatException e) {
        return hex;
      }
    }
    return hex;
  }
}
