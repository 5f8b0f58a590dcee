package dev.stowage.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a transfer: which object, how far it is, and how fast it goes.
 *
 * @param key the key being written (or read, for a download)
 * @param transferredBytes the bytes stored so far, this step included
 * @param totalBytes the object's length, or -1 while a stream's length is unknown
 * @param stepBytes the bytes this step added
 * @param completedParts the parts, ranges or single writes finished so far
 * @param elapsed the time since the transfer began
 */
public record TransferProgress(
    String key,
    long transferredBytes,
    long totalBytes,
    long stepBytes,
    int completedParts,
    Duration elapsed) {

  /**
   * Returns the mean rate so far.
   *
   * @return bytes per second, 0 before any time has passed
   */
  public double bytesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : transferredBytes / seconds;
  }

  /**
   * Estimates the time left at the mean rate so far.
   *
   * @return the estimate, or empty while the length or the rate is unknown
   */
  public Optional<Duration> remaining() {
    double rate = bytesPerSecond();
    if (totalBytes < 0 || rate <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) ((totalBytes - transferredBytes) / rate * 1000)));
  }
}
