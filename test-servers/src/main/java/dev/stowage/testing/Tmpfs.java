package dev.stowage.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a directory, so that a test meets a real full disk (ENOSPC from the
 * kernel, not an injected exception). Mounting needs root or CAP_SYS_ADMIN; where the machine
 * refuses, {@link #mountOrSkip} skips the test and says why.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path directory;

  private Tmpfs(Path directory) {
    this.directory = directory;
  }

  /**
   * Mounts a tmpfs of {@code size} (such as {@code "20m"}) on an existing empty directory, or skips
   * the calling test with the reason the mount failed.
   */
  public static Tmpfs mountOrSkip(Path directory, String size) throws IOException {
    String refusal =
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString()));
    Assumptions.assumeTrue(
        refusal.isEmpty(),
        () -> "a full disk needs a tmpfs, and this machine refused to mount one: " + refusal);
    return new Tmpfs(directory);
  }

  /** Where it is mounted. */
  public Path directory() {
    return directory;
  }

  @Override
  public void close() throws IOException {
    String refusal = run(List.of("umount", directory.toString()));
    if (!refusal.isEmpty()) {
      throw new IOException("cannot unmount the tmpfs at " + directory + ": " + refusal);
    }
  }

  /** Runs a command; returns empty on success, else what it said. */
  private static String run(List<String> command) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    try {
      String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "'" + String.join(" ", command) + "' did not end";
      }
      return process.exitValue() == 0
          ? ""
          : "'"
              + String.join(" ", command)
              + "' exited "
              + process.exitValue()
              + ": "
              + said.strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
