package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Help on every command and subcommand, suggestions for a mistyped command, and the completion
 * script picocli generates from the commands.
 */
class HelpAndCompletionTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            HelpAndCompletionTest.class.getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            args);
    return new Result(code, out.toString(), err.toString());
  }

  static List<List<String>> commands() {
    return List.of(
        List.of("cp"),
        List.of("sync"),
        List.of("mv"),
        List.of("run"),
        List.of("ls"),
        List.of("stat"),
        List.of("cat"),
        List.of("rm"),
        List.of("sweep"),
        List.of("replica"),
        List.of("replica", "ls"),
        List.of("replica", "verify"),
        List.of("replica", "restore"),
        List.of("tck"),
        List.of("probe"),
        List.of("providers"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandAnswersHelpWithItsUsageAndExitsZero(List<String> command) {
    // ls keeps -h for --human-readable, as ls -lh does
    boolean ls = command.equals(List.of("ls"));
    for (String help : ls ? List.of("--help") : List.of("--help", "-h")) {
      List<String> args = new ArrayList<>(command);
      args.add(help);

      Result result = run(args.toArray(String[]::new));

      assertThat(result.code()).as(result.err()).isZero();
      assertThat(result.out())
          .startsWith("Usage: stowage " + String.join(" ", command))
          .contains(ls ? "    --help" : "-h, --help");
      assertThat(result.err()).isEmpty();
    }
  }

  @Test
  void aMistypedCommandIsNamedWithSuggestions() {
    Result result = run("cpy", "a", "b");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("stowage: 'cpy' is not a command of 'stowage'.")
        .contains("cp")
        .contains("Try 'stowage --help'.")
        .doesNotContain("Unmatched arguments");
  }

  @Test
  void noCommandListsThemAll() {
    Result result = run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("a command is required (cp, sync, mv, run, ls, stat, cat, rm, sweep, replica,")
        .contains("generate-completion)");
  }

  @Test
  void generatesABashCompletionScriptThatKnowsEveryCommand() {
    Result result = run("generate-completion");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("complete -F").contains("sync").contains("replica");
  }
}
