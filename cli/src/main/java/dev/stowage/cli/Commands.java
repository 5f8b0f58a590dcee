package dev.stowage.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands of {@code stowage}, in the order its help lists them. A command line is built with
 * all of them, or, when the arguments name one, with that one alone: picocli's model of every
 * command (reflection over each one's options) was most of the start-up of a short command.
 */
final class Commands {
  static final List<Class<?>> ALL =
      List.of(
          CopyCommand.class,
          SyncCommand.class,
          MoveCommand.class,
          RunCommand.class,
          ListCommand.class,
          StatCommand.class,
          CatCommand.class,
          RemoveCommand.class,
          SweepCommand.class,
          ReplicaCommand.class,
          TckCommand.class,
          ProbeCommand.class,
          ProvidersCommand.class,
          CommandLine.HelpCommand.class,
          AutoComplete.GenerateCompletion.class);

  /** The options of {@code stowage} itself that take the next argument as their value. */
  private static final Set<String> WITH_VALUE =
      Set.of("-o", "--option", "--config", "--metrics-file");

  /** Commands that read the model of the others: built with all of them. */
  private static final Set<Class<?>> NEED_ALL =
      Set.of(CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class);

  private Commands() {}

  /** A command line for {@code stowage}'s arguments, with the commands they need. */
  static CommandLine commandLine(Stowage stowage, String... args) {
    CommandLine line = new CommandLine(stowage);
    for (Class<?> command : named(args).map(List::<Class<?>>of).orElse(ALL)) {
      line.addSubcommand(command);
    }
    return line;
  }

  /** The one command the arguments name, if they name one that needs no other. */
  static Optional<Class<?>> named(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (WITH_VALUE.contains(arg)) {
        i++;
      } else if (arg.equals("--")) {
        return Optional.empty();
      } else if (!arg.startsWith("-")) {
        return ALL.stream()
            .filter(command -> !NEED_ALL.contains(command) && names(command).contains(arg))
            .findFirst();
      }
    }
    return Optional.empty();
  }

  private static List<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    return annotation == null
        ? List.of()
        : java.util.stream.Stream.concat(
                java.util.stream.Stream.of(annotation.name()),
                java.util.Arrays.stream(annotation.aliases()))
            .toList();
  }
}
