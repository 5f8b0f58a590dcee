package dev.stowage.cli;

import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "ls", description = "List the objects under a directory or prefix, or one object.")
final class ListCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "A directory, prefix or object.")
  String location;

  @Option(
      names = "--help",
      usageHelp = true,
      description = "Show this help and exit (-h is --human-readable, as in ls).")
  boolean help;

  @Option(
      names = {"-l", "--long"},
      description = "Show size and last-modified time (UTC, to the second).")
  boolean longFormat;

  @Option(
      names = {"-h", "--human-readable"},
      description = "With -l, sizes in KiB, MiB, GiB.")
  boolean humanReadable;

  @Option(
      names = {"-r", "--recursive"},
      description = "List every object below, not one level.")
  boolean recursive;

  @Option(
      names = "--json",
      description = "One JSON object per line: key, size, modified, etag; or prefix.")
  boolean json;

  @Override
  public Integer call() {
    Target target = Target.parse(location);
    PrintWriter out = stowage.spec.commandLine().getOut();
    if (target.isDirectory()
        && target.localFolder().filter(folder -> !Files.isDirectory(folder)).isPresent()) {
      // a local folder that is not there is a mistake, not an empty listing
      throw Stowage.CliException.failure("no such directory: " + target.describe());
    }
    try (Stores stores = stowage.stores()) {
      ObjectStore store = stores.open(target.store());
      if (!target.isDirectory()) {
        Optional<ObjectInfo> object = store.stat(target.key());
        if (object.isPresent()) {
          print(out, object.get(), target.name());
          return 0;
        }
      }
      String prefix = target.directoryPrefix();
      ListRequest.Builder builder = ListRequest.builder().prefix(prefix);
      if (!recursive) {
        builder.delimiter("/");
      }
      ListRequest request = builder.build();
      long entries = 0;
      while (true) {
        ListPage page = store.list(request);
        for (Object entry : merged(page)) {
          if (entry instanceof ObjectInfo object) {
            print(out, object, object.key().substring(prefix.length()));
          } else {
            String name = ((String) entry).substring(prefix.length());
            if (json) {
              JsonOutput.line(out, java.util.Map.of("prefix", name));
            } else {
              out.println(longFormat ? String.format("%14s  %-20s  %s", "", "", name) : name);
            }
          }
          entries++;
        }
        if (page.nextToken().isEmpty()) {
          break;
        }
        request = request.next(page.nextToken().get());
      }
      if (entries == 0 && !target.isDirectory()) {
        throw Stowage.CliException.failure("no such object or directory: " + target.describe());
      }
    }
    return 0;
  }

  /** The page's objects and common prefixes in one UTF-8-ordered list. */
  private static List<Object> merged(ListPage page) {
    List<Object> entries = new ArrayList<>(page.objects());
    entries.addAll(page.commonPrefixes());
    entries.sort((a, b) -> Keys.UTF8_ORDER.compare(name(a), name(b)));
    return entries;
  }

  /** A time as ISO-8601 in UTC to the second, such as {@code 2026-12-05T16:20:39Z}. */
  static String toTheSecond(java.time.Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(
        time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static String name(Object entry) {
    return entry instanceof ObjectInfo object ? object.key() : (String) entry;
  }

  private void print(PrintWriter out, ObjectInfo object, String name) {
    if (json) {
      JsonOutput.line(out, JsonOutput.object(object, name));
    } else if (longFormat) {
      String modified = object.lastModified().map(ListCommand::toTheSecond).orElse("-");
      String size = humanReadable ? Sizes.human(object.size()) : String.valueOf(object.size());
      out.println(String.format("%14s  %-20s  %s", size, modified, name));
    } else {
      out.println(name);
    }
  }
}
