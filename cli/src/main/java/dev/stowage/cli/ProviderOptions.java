package dev.stowage.cli;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o KEY=VALUE} after a command's name as well as before it ({@code stowage cp -o
 * file.fsync=false a b}): the values join those given before the command, checked and masked the
 * same way. Not on {@code replica restore}, whose {@code -o} names its output.
 */
final class ProviderOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = {"-o", "--option"},
      paramLabel = "KEY=VALUE",
      description = "A provider option, as before the command; repeatable.")
  void option(Map<String, String> values) {
    ((Stowage) command.root().userObject()).options.putAll(values);
  }
}
