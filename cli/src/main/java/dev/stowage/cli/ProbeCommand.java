package dev.stowage.cli;

import dev.stowage.api.Capability;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stowage probe URI}: finds how a live store differs from what its provider assumes, with a
 * short series of requests under a scratch prefix (see {@link StoreProbe}), and can save what it
 * found as a profile that {@code -o SCHEME.quirks=FILE} applies.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "probe",
    description =
        "Find how a live store differs from what its provider assumes: a short series of requests"
            + " under a random scratch prefix, removed afterwards, one line per finding.")
final class ProbeCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(
      index = "0",
      paramLabel = "URI",
      description = "A location of the store where the probe may write, such as s3://bucket/tmp")
  String uri;

  @Option(
      names = "--write",
      paramLabel = "FILE",
      description =
          "Save the findings as a profile (JSON) that -o SCHEME.quirks=FILE applies: provider"
              + " options and capabilities to withdraw")
  Path profile;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = stowage.spec.commandLine().getOut();
    StorageLocation location = StorageLocation.parse(uri);
    StorageProvider provider = stowage.providers().provider(location.scheme());
    QuirksProfile.Applied given = QuirksProfile.apply(stowage.options());
    StoreProbe probe =
        new StoreProbe(
            extra -> {
              Map<String, String> options = new HashMap<>(given.options());
              options.putAll(extra);
              return stowage.providers().open(location, options);
            },
            provider.bodyEncodings(),
            provider::variants);
    out.println("probing " + location + " under " + probe.prefix());
    StoreProbe.Result result = probe.run();
    for (StoreProbe.Finding finding : result.findings()) {
      out.printf(
          "%-6s %s%s%n",
          finding.verdict(),
          finding.probe(),
          finding.evidence().isEmpty() ? "" : ": " + finding.evidence());
    }
    result.options().forEach((key, value) -> out.println("option   -o " + key + "=" + value));
    result.withdrawn().stream()
        .sorted()
        .forEach(capability -> out.println("withdraw " + capability));
    if (profile != null) {
      new QuirksProfile(
              location.scheme(),
              location.toString(),
              result.options(),
              result.withdrawn().stream().sorted().map(Capability::name).toList(),
              List.copyOf(result.findings()))
          .write(profile);
      out.println(
          "wrote "
              + profile
              + "; apply it with: stowage -o "
              + location.scheme()
              + "."
              + QuirksProfile.OPTION
              + "="
              + profile
              + " ...");
    }
    return 0;
  }
}
