package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line built for the one command its arguments name, and for all otherwise. */
class CommandsTest {
  @Test
  void findsTheCommandAfterTheOptionsOfStowageItself() {
    assertThat(Commands.named("stat", "file:///x")).contains(StatCommand.class);
    assertThat(Commands.named("-o", "file.fsync=false", "cp", "a", "b"))
        .contains(CopyCommand.class);
    assertThat(Commands.named("--config", "my.conf", "--debug", "ls", "x"))
        .contains(ListCommand.class);
    assertThat(Commands.named("--metrics-file", "m.prom", "sync", "a", "b"))
        .contains(SyncCommand.class);
  }

  @Test
  void buildsEveryCommandWhereOneIsNotNamedOrNeedsTheOthers() {
    assertThat(Commands.named()).isEmpty();
    assertThat(Commands.named("--help")).isEmpty();
    assertThat(Commands.named("help", "cp")).isEmpty();
    assertThat(Commands.named("generate-completion")).isEmpty();
    assertThat(Commands.named("cpp", "a", "b")).isEmpty();
    assertThat(Commands.named("--", "cp")).isEmpty();
  }

  @Test
  void aCommandBuiltAloneHasTheUsageItHasAmongAll() {
    for (Class<?> command : Commands.ALL) {
      String name = command.getAnnotation(CommandLine.Command.class).name();
      Optional<Class<?>> alone = Commands.named(name);
      if (alone.isEmpty()) {
        continue; // help and completion are always built with every command
      }
      CommandLine single = Commands.commandLine(stowage(), name);
      CommandLine all = Commands.commandLine(stowage());
      assertThat(single.getSubcommands()).containsOnlyKeys(name);
      assertThat(single.getSubcommands().get(name).getUsageMessage())
          .as(name)
          .isEqualTo(all.getSubcommands().get(name).getUsageMessage());
    }
  }

  private static Stowage stowage() {
    return new Stowage(
        ProviderCatalog.load(CommandsTest.class.getClassLoader()),
        System.in,
        OutputStream.nullOutputStream(),
        new SecretValues());
  }
}
