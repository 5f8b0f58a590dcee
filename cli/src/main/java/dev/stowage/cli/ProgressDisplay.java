package dev.stowage.cli;

import dev.stowage.engine.TransferListener;
import dev.stowage.engine.TransferProgress;
import dev.stowage.engine.TransferResult;
import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a transfer's progress as a bar on standard error when it is a terminal, and nothing when it
 * is not (a pipe, a file, a test); with {@code --verbose}, names each object as it is done. Says in
 * one line each when an interrupted upload is continued, and when one is started over and why.
 */
final class ProgressDisplay implements TransferListener, AutoCloseable {
  private final ProgressBar bar;
  private final PrintWriter notices;
  private final PrintWriter verbose;
  private final Function<TransferResult, String> describe;
  private final Map<String, LongAdder> verifiedBy = new ConcurrentSkipListMap<>();
  private String onlyKey;
  private boolean several;

  private ProgressDisplay(
      ProgressBar bar,
      PrintWriter notices,
      PrintWriter verbose,
      Function<TransferResult, String> describe) {
    this.bar = bar;
    this.notices = notices;
    this.verbose = verbose;
    this.describe = describe;
  }

  /**
   * Returns a display for a transfer.
   *
   * @param task what the bar is labelled
   * @param show false for no bar whatever the terminal
   * @param notices where to say that an upload was resumed or started over
   * @param verbose where to name each object done, or null
   * @param describe how to name an object done
   */
  static ProgressDisplay start(
      String task,
      boolean show,
      PrintWriter notices,
      PrintWriter verbose,
      Function<TransferResult, String> describe) {
    return new ProgressDisplay(show ? terminalBar(task, -1) : null, notices, verbose, describe);
  }

  /**
   * Returns a bar in MiB with speed on standard error, or null when there is no terminal (so
   * scripts and logs get no bar).
   *
   * @param task what the bar is labelled
   * @param max the bytes expected, or -1 if unknown
   */
  static ProgressBar terminalBar(String task, long max) {
    if (System.console() == null) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setUnit("MiB", 1024 * 1024)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  @Override
  public void onProgress(TransferProgress progress) {
    if (bar != null) {
      synchronized (this) {
        // while one object is all there is, its length is the bar's length
        if (onlyKey == null) {
          onlyKey = progress.key();
        } else if (!onlyKey.equals(progress.key())) {
          several = true;
        }
        if (!several && progress.totalBytes() >= 0) {
          bar.maxHint(progress.totalBytes());
        }
      }
      bar.stepBy(progress.stepBytes());
    }
  }

  @Override
  public void onTransferred(TransferResult result) {
    verifiedBy.computeIfAbsent(result.verifiedBy().toString(), by -> new LongAdder()).increment();
    if (verbose != null) {
      synchronized (verbose) {
        verbose.println(describe.apply(result));
      }
    }
  }

  @Override
  public void onResumed(String key, long keptBytes, long totalBytes) {
    notice(
        "resuming "
            + key
            + ": "
            + Sizes.human(keptBytes)
            + " of "
            + Sizes.human(totalBytes)
            + " already stored and matching; sending the rest ("
            + keptBytes
            + " of "
            + totalBytes
            + " bytes kept)");
  }

  @Override
  public void onRestarted(String key, String reason) {
    notice("starting " + key + " over: " + reason);
  }

  private void notice(String line) {
    synchronized (notices) {
      notices.println("stowage: " + line);
      notices.flush();
    }
  }

  /**
   * Says how the objects done so far were verified: {@code verified by crc32c (store)} when all
   * were alike, else how many each way, such as {@code verified by crc32c (store) 25, size only 3}.
   *
   * @return the summary, or empty before any object is done
   */
  String verification() {
    if (verifiedBy.isEmpty()) {
      return "";
    }
    if (verifiedBy.size() == 1) {
      return "verified by " + verifiedBy.keySet().iterator().next();
    }
    StringJoiner ways = new StringJoiner(", ", "verified by ", "");
    verifiedBy.forEach((by, count) -> ways.add(by + " " + count.sum()));
    return ways.toString();
  }

  /** How many objects were done so far. */
  long done() {
    return verifiedBy.values().stream().mapToLong(LongAdder::sum).sum();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
