package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line, seen as a person at a terminal sees it: the command runs in a child JVM on a
 * pseudo-terminal made by script(1). The line goes to standard error when that is the terminal, and
 * nowhere when standard error is a file, though standard input and output are the terminal.
 */
class TerminalProgressTest {
  private static final Path SCRIPT = Path.of("/usr/bin/script");
  private static final int FILES = 20;

  @TempDir Path temp;
  private Path source;

  @BeforeEach
  void files() throws Exception {
    assumeTrue(
        Files.isExecutable(SCRIPT),
        "needs script(1) from util-linux (Debian: bsdutils) for a pseudo-terminal");
    source = Files.createDirectories(temp.resolve("source"));
    for (int i = 0; i < FILES; i++) {
      Files.write(source.resolve("f" + i), new byte[1000 + i]);
    }
  }

  @Test
  void drawsTheLineOnStandardErrorWhenItIsATerminal() throws Exception {
    String narrow = onTerminal(stowage("cp", "-r", source + "/", temp.resolve("a") + "/"));
    assertThat(narrow)
        .contains("cp 100% [")
        .contains(FILES + "/" + FILES + " objects")
        .contains(" left");
    String wide =
        onTerminal(
            "stty cols 160 && " + stowage("cp", "-r", source + "/", temp.resolve("b") + "/"));
    assertThat(wide).contains("cp 100% [").contains("/s (avg ");
  }

  @Test
  void drawsNothingWhenStandardErrorIsAFile() throws Exception {
    Path errors = temp.resolve("errors.txt");
    String terminal =
        onTerminal(
            stowage("cp", "-r", source + "/", temp.resolve("c") + "/") + " 2>" + quoted(errors));
    String written = Files.readString(errors, StandardCharsets.UTF_8);
    assertThat(written)
        .as("what went to the file")
        .isNotBlank()
        .doesNotContain("%")
        .doesNotContain("\r");
    assertThat(terminal).as("what went to the terminal").doesNotContain("%");
    assertThat(temp.resolve("c").resolve("f0")).exists();
  }

  /** The command line, quoted for sh, of the real command in a child JVM. */
  private String stowage(String... arguments) {
    StringBuilder command =
        new StringBuilder()
            .append(quoted(Path.of(System.getProperty("java.home"), "bin", "java")))
            .append(" -cp ")
            .append(quoted(System.getProperty("java.class.path")))
            .append(" -Duser.home=")
            .append(quoted(temp.resolve("home")))
            .append(' ')
            .append(Stowage.class.getName());
    for (String argument : arguments) {
      command.append(' ').append(quoted(argument));
    }
    return command.toString();
  }

  /** Runs a shell command on a pseudo-terminal; returns what the terminal showed. */
  private static String onTerminal(String command) throws Exception {
    Process script =
        new ProcessBuilder(List.of(SCRIPT.toString(), "-qec", command, "/dev/null"))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    try (InputStream in = script.getInputStream()) {
      in.transferTo(shown);
    }
    assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = shown.toString(StandardCharsets.UTF_8);
    assertThat(script.exitValue()).as(text).isZero();
    return text;
  }

  private static String quoted(Object word) {
    return "'" + word.toString().replace("'", "'\\''") + "'";
  }
}
