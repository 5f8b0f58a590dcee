package dev.stowage.engine;

import dev.stowage.api.Content;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Content whose every stream computes the transfer's checksums (and keeps to the engine's bandwidth
 * limit) as the store reads it, so no separate pass over the bytes is needed. Keeps the sums of the
 * last stream read to its end: the bytes the store stored on its last attempt.
 */
final class SummingContent implements Content {
  private final Content content;
  private final List<Crc> codes;
  private final EngineResources engine;
  private volatile Sums lastComplete;

  SummingContent(Content content, List<Crc> codes, EngineResources engine) {
    this.content = content;
    this.codes = codes;
    this.engine = engine;
    if (content.length() == 0) {
      lastComplete = Sums.empty(codes);
    }
  }

  /** The sums of the last stream read whole, or empty if none was. */
  Optional<Sums> lastComplete() {
    return Optional.ofNullable(lastComplete);
  }

  @Override
  public long length() {
    return content.length();
  }

  @Override
  public InputStream open() throws IOException {
    Sums.Running running = new Sums.Running(codes);
    long length = content.length();
    return new FilterInputStream(content.open()) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] target, int offset, int n) throws IOException {
        int got = super.read(target, offset, n);
        if (got > 0) {
          engine.throttle(got);
          running.update(target, offset, got);
          if (running.length() == length) {
            lastComplete = running.finish();
          }
        }
        return got;
      }

      @Override
      public long skip(long n) throws IOException {
        byte[] discard = new byte[8192];
        long skipped = 0;
        int got;
        while (skipped < n
            && (got = read(discard, 0, (int) Math.min(discard.length, n - skipped))) > 0) {
          skipped += got;
        }
        return skipped;
      }

      @Override
      public boolean markSupported() {
        return false;
      }
    };
  }

  @Override
  public String toString() {
    return content.toString();
  }
}
