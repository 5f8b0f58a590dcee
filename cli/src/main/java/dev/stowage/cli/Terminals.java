package dev.stowage.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether what the command writes to goes to a person at a terminal. */
final class Terminals {
  private static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

  private Terminals() {}

  /**
   * Whether standard error is a terminal: on Linux, whether file descriptor 2 names a terminal
   * device, whatever standard input and output are; elsewhere, whether the JVM has a console (both
   * standard input and output are a terminal), which errs toward no bar when output is piped.
   */
  static boolean standardErrorIsTerminal() {
    try {
      String device = Files.readSymbolicLink(STANDARD_ERROR).toString();
      return device.startsWith("/dev/pts/")
          || device.startsWith("/dev/tty")
          || device.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
