package dev.stowage.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Draws a {@link ProgressTally} as one terminal line, such as {@code cp 42% [#####-------] 1.2
 * GiB/3.0 GiB, 212/500+ objects, 38.1 MiB/s (avg 35.0 MiB/s), 0:52 left}: {@code +} while a batch's
 * listing is still running, the rate over the last seconds beside the average, and the time left at
 * the current rate. The bar shrinks, then goes, on a narrow terminal.
 */
final class ProgressLine implements ProgressBarRenderer {
  private static final int WIDEST_BAR = 30;
  private static final int NARROWEST_BAR = 10;

  private final String task;
  private final Supplier<ProgressTally.Snapshot> figures;

  ProgressLine(String task, Supplier<ProgressTally.Snapshot> figures) {
    this.task = task;
    this.figures = figures;
  }

  @Override
  public String render(ProgressState state, int maxLength) {
    return format(task, figures.get(), maxLength);
  }

  /**
   * Returns the line for these figures.
   *
   * @param width the terminal's columns; the line is at most one less
   */
  static String format(String task, ProgressTally.Snapshot now, int width) {
    StringBuilder figures = new StringBuilder();
    if (now.bytesTotal() >= 0) {
      figures
          .append(Sizes.human(now.bytesDone()))
          .append('/')
          .append(Sizes.human(now.bytesTotal()));
    } else {
      figures.append(Sizes.human(now.bytesDone()));
    }
    if (now.objectsTotal() > 1 || !now.totalComplete() || now.objectsFailed() > 0) {
      figures
          .append(", ")
          .append(now.objectsDone())
          .append('/')
          .append(now.objectsTotal())
          .append(now.totalComplete() ? "" : "+")
          .append(" objects");
    }
    if (now.objectsFailed() > 0) {
      figures.append(", ").append(now.objectsFailed()).append(" failed");
    }
    figures.append(", ").append(rate(now.bytesPerSecond()));
    String average = " (avg " + rate(now.averageBytesPerSecond()) + ")";
    String left = now.timeLeft().map(time -> ", " + clock(time) + " left").orElse("");
    String full = figures + average + left;
    String brief = figures + left;

    String head = task;
    if (now.bytesTotal() > 0) {
      double done = Math.min(1, (double) now.bytesDone() / now.bytesTotal());
      head += String.format(Locale.ROOT, " %3d%%", (int) Math.floor(done * 100));
      // the bar shrinks first, then the average goes, then the bar
      for (String rest : new String[] {full, brief}) {
        int barWidth = Math.min(WIDEST_BAR, width - 1 - head.length() - rest.length() - 4);
        if (barWidth >= NARROWEST_BAR) {
          int filled = (int) Math.floor(done * barWidth);
          return head + " [" + "#".repeat(filled) + "-".repeat(barWidth - filled) + "] " + rest;
        }
      }
    }
    String line = head + " " + (head.length() + full.length() + 1 < width ? full : brief);
    return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
  }

  private static String rate(double bytesPerSecond) {
    return Sizes.human((long) bytesPerSecond) + "/s";
  }

  /** {@code 0:52}, {@code 12:05}, {@code 3:07:41}. */
  static String clock(Duration duration) {
    long seconds = duration.toSeconds();
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
  }
}
