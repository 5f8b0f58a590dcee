package dev.stowage.cli;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.StorageProvider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "providers", description = "List the storage providers found, with their options.")
final class ProvidersCommand implements Callable<Integer> {
  @ParentCommand Stowage stowage;

  @Override
  public Integer call() {
    PrintWriter out = stowage.spec.commandLine().getOut();
    for (StorageProvider provider : stowage.providers().all()) {
      out.println(provider.scheme() + "://  " + provider.description());
      out.println("    from " + provider.getClass().getName());
      for (ConfigOption option : provider.options()) {
        String detail =
            option.isSecret()
                ? " (secret)"
                : option.defaultValue().map(value -> " (default " + value + ")").orElse("");
        out.println("    -o " + option.key() + "=..." + detail);
        out.println("        " + option.description());
      }
    }
    return 0;
  }
}
