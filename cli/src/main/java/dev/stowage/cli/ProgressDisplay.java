package dev.stowage.cli;

import dev.stowage.engine.TransferListener;
import dev.stowage.engine.TransferProgress;
import dev.stowage.engine.TransferResult;
import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a transfer's progress as a line on standard error when it is a terminal, and nothing when
 * it is not (a pipe, a file, a test), whatever standard output is; the figures are a {@link
 * ProgressTally}'s, drawn by {@link ProgressLine}. Says in one line each when an interrupted upload
 * is continued, and when one is started over and why.
 */
final class ProgressDisplay implements TransferListener, AutoCloseable {
  private static final int REDRAW_MILLIS = 500;

  private final ProgressTally tally = new ProgressTally(System::nanoTime);
  private final ProgressBar bar;
  private final PrintWriter notices;
  private final Consumer<TransferResult> eachDone;
  private final Map<String, LongAdder> verifiedBy = new ConcurrentSkipListMap<>();

  private ProgressDisplay(
      String task, boolean show, PrintWriter notices, Consumer<TransferResult> eachDone) {
    this.bar =
        show && Terminals.standardErrorIsTerminal()
            ? new ProgressBarBuilder()
                .setTaskName(task)
                .setRenderer(new ProgressLine(task, tally::snapshot))
                .continuousUpdate()
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build()
            : null;
    this.notices = notices;
    this.eachDone = eachDone;
  }

  /**
   * Returns a display for a transfer.
   *
   * @param task what the line starts with
   * @param show false for no line whatever the terminal
   * @param notices where to say that an upload was resumed or started over
   * @param eachDone what else to do with each object done, from the engine's threads (such as
   *     naming it with {@code --verbose})
   */
  static ProgressDisplay start(
      String task, boolean show, PrintWriter notices, Consumer<TransferResult> eachDone) {
    return new ProgressDisplay(task, show, notices, eachDone);
  }

  /**
   * Returns a plain bar in MiB with speed on standard error, or null when standard error is no
   * terminal (so scripts and logs get no bar).
   *
   * @param task what the bar is labelled
   * @param max the bytes expected, or -1 if unknown
   */
  static ProgressBar terminalBar(String task, long max) {
    if (!Terminals.standardErrorIsTerminal()) {
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
  public void onQueued(String key, long bytes) {
    tally.queued(bytes);
  }

  @Override
  public void onListed(long objects, long bytes) {
    tally.listed(objects, bytes);
  }

  @Override
  public void onStarted(String key) {
    tally.started(key);
  }

  @Override
  public void onProgress(TransferProgress progress) {
    tally.progressed(progress);
  }

  @Override
  public void onFailed(String key, RuntimeException failure) {
    tally.failed(key);
  }

  @Override
  public void onTransferred(TransferResult result) {
    tally.transferred(result.object().key(), result.bytes());
    verifiedBy.computeIfAbsent(result.verifiedBy().toString(), by -> new LongAdder()).increment();
    eachDone.accept(result);
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

  /** The figures so far: objects and bytes done and failed. */
  ProgressTally.Snapshot figures() {
    return tally.snapshot();
  }

  /** How many objects were done so far. */
  long done() {
    return verifiedBy.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Draws the line a last time, with the figures at the end, and leaves it. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
