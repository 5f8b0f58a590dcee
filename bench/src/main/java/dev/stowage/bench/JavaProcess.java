package dev.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM on the bench's class path, spoken to by lines on its standard input and output. */
class JavaProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintStream in;

  JavaProcess(List<String> jvmFlags, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    in = new PrintStream(process.getOutputStream(), true, UTF_8);
  }

  /** Reads lines until one starts with {@code prefix}; returns the rest of it. */
  String await(String prefix) throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).trim();
      }
    }
    throw new IOException(
        "the child JVM ended (exit "
            + exitCode()
            + ") before it printed "
            + prefix.trim()
            + "; see its log");
  }

  void send(String line) {
    in.println(line);
  }

  String exitCode() {
    try {
      return process.waitFor(30, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  void killAfter(long seconds) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                  process.destroyForcibly();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
