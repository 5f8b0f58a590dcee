package dev.stowage.cli;

import dev.stowage.engine.ObjectFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that choose which objects a multi-object command takes: globs, a list of keys, sizes
 * and age. A key is matched below the command's source folder or prefix. Globs are rclone's: see
 * {@link ObjectFilter}.
 */
final class FilterOptions {
  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description =
          "Take only keys that match (repeatable): * within a folder, ** across folders, {a,b};"
              + " a glob starting with / matches from the source, others any last segments.")
  List<String> includes = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "Leave out keys that match (repeatable); an exclude wins over an include.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--files-from",
      paramLabel = "FILE",
      description = "Take only the keys listed in FILE, one per line, below the source.")
  Path filesFrom;

  @Option(
      names = "--min-size",
      paramLabel = "SIZE",
      converter = Sizes.Converter.class,
      description = "Leave out objects smaller than SIZE (8MiB, 512k, ...).")
  Long minSize;

  @Option(
      names = "--max-size",
      paramLabel = "SIZE",
      converter = Sizes.Converter.class,
      description = "Leave out objects larger than SIZE.")
  Long maxSize;

  @Option(
      names = "--max-age",
      paramLabel = "AGE",
      description = "Leave out objects last written longer ago than AGE (30m, 24h, 7d).")
  String maxAge;

  /** The filter, checked before any I/O but reading the --files-from list. */
  ObjectFilter filter() {
    ObjectFilter.Builder filter = ObjectFilter.builder();
    for (String glob : includes) {
      filter.include(checked("--include", glob));
    }
    for (String glob : excludes) {
      filter.exclude(checked("--exclude", glob));
    }
    if (filesFrom != null) {
      filter.includeKeys(listedKeys());
    }
    if (minSize != null) {
      filter.minSize(minSize);
    }
    if (maxSize != null) {
      filter.maxSize(maxSize);
    }
    if (maxAge != null) {
      filter.maxAge(SweepCommand.parseAge("--max-age", maxAge), Clock.systemUTC());
    }
    return filter.build();
  }

  /** Refuses filters (and a dry run) on a command that takes one object. */
  void requireRecursive(boolean recursive, boolean dryRun) {
    if (!recursive && (narrows() || dryRun)) {
      throw Stowage.CliException.usage(
          "--include, --exclude, --files-from, --min-size, --max-size, --max-age and --dry-run"
              + " choose among many objects; use them with -r.");
    }
  }

  /** Whether any option narrows the objects taken. */
  boolean narrows() {
    return !includes.isEmpty()
        || !excludes.isEmpty()
        || filesFrom != null
        || minSize != null
        || maxSize != null
        || maxAge != null;
  }

  private List<String> listedKeys() {
    List<String> keys = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(filesFrom, StandardCharsets.UTF_8)) {
        String key = line.strip();
        if (!key.isEmpty() && !key.startsWith("#")) {
          keys.add(key.startsWith("/") ? key.substring(1) : key);
        }
      }
    } catch (IOException e) {
      throw Stowage.CliException.usage(
          "--files-from " + filesFrom + " cannot be read (" + e.getMessage() + ").");
    }
    if (keys.isEmpty()) {
      throw Stowage.CliException.usage(
          "--files-from " + filesFrom + " lists no key; give one key per line.");
    }
    return keys;
  }

  private static String checked(String option, String glob) {
    try {
      ObjectFilter.builder().include(glob);
      return glob;
    } catch (IllegalArgumentException e) {
      throw Stowage.CliException.usage(option + " " + e.getMessage() + ".");
    }
  }
}
