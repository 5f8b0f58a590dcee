package dev.stowage.cli;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.StorageProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "providers",
    description =
        "List the storage providers found, where each came from and its options, and the"
            + " plug-ins that were skipped.")
final class ProvidersCommand implements Callable<Integer> {
  @ParentCommand Stowage stowage;

  @Override
  public Integer call() {
    PrintWriter out = stowage.spec.commandLine().getOut();
    for (ProviderCatalog.Entry entry : stowage.catalog().entries()) {
      StorageProvider provider = entry.provider();
      out.println(provider.scheme() + "://  " + provider.description());
      out.println("    " + provider.getClass().getName() + " from " + entry.origin());
      for (ConfigOption option : provider.options()) {
        String detail =
            option.isSecret()
                ? " (secret)"
                : option.defaultValue().map(value -> " (default " + value + ")").orElse("");
        out.println("    -o " + option.key() + "=..." + detail);
        out.println("        " + option.description());
      }
    }
    List<String> problems = stowage.catalog().problems();
    if (!problems.isEmpty()) {
      out.println();
      out.println("Skipped plug-ins:");
      problems.forEach(problem -> out.println("  " + problem));
    }
    return 0;
  }
}
