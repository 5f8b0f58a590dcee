package dev.stowage.provider.oss;

import dev.stowage.api.Content;
import dev.stowage.provider.support.internal.CheckedBody;
import dev.stowage.provider.support.internal.LengthMismatchException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body the SDK can retry: {@link #reset()} opens the content again instead of buffering
 * it. Each attempt reads the content through a {@link CheckedBody}, which passes exactly the
 * declared length. It computes no checksum: the store answers with the CRC-64 of what it received,
 * and the engine compares that with the one it computed of the bytes as they were read.
 */
final class ReplayableBody extends InputStream {
  private final Content content;

  /** The latest attempt's body. */
  private CheckedBody body;

  private boolean closed;
  private long mark;

  ReplayableBody(Content content) {
    this.content = content;
  }

  private CheckedBody body() throws IOException {
    if (body == null || closed) {
      body = new CheckedBody(content.open(), content.length());
      closed = false;
    }
    return body;
  }

  @Override
  public int read() throws IOException {
    return body().read();
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    return body().read(target, offset, count);
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readLimit) {
    mark = body == null || closed ? 0 : body.position();
  }

  /** Opens the content again and reads up to the mark, for the SDK's next attempt. */
  @Override
  public synchronized void reset() throws IOException {
    close();
    if (body().skip(mark) < mark) {
      throw new LengthMismatchException("the source ended before the mark at byte " + mark);
    }
  }

  /** Closes the open source stream; a source that fails to close has nothing left to give. */
  @Override
  public void close() {
    if (body != null && !closed) {
      closed = true;
      try {
        body.close();
      } catch (IOException e) {
        // the bytes were read or the attempt is over; a close failure cannot change either
      }
    }
  }
}
