package dev.stowage.cli;

import dev.stowage.api.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    mixinStandardHelpOptions = true,
    name = "cat",
    description = "Write an object's bytes to standard output.")
final class CatCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The object.")
  String location;

  @Override
  public Integer call() {
    Target target = Target.parseObject(location);
    stowage.spec.commandLine().getOut().flush();
    try (Stores stores = stowage.stores();
        InputStream in = stores.open(target.store()).get(target.key(), ByteRange.ALL)) {
      OutputStream out = stowage.rawOut();
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading " + target.describe() + " failed: " + e.getMessage(), e);
    }
    return 0;
  }
}
