package dev.stowage.hadoop;

import dev.stowage.engine.ObjectWriteStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.Abortable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * A file being written: the engine's {@link ObjectWriteStream}, which streams parts within the
 * memory budget and publishes the object, verified, on {@link #close()}; nothing is visible before.
 * {@link #abort()} gives the upload up and leaves nothing. No {@code hflush}/{@code hsync}: an
 * object store cannot show part of a file.
 */
final class StowageOutputStream extends OutputStream implements StreamCapabilities, Abortable {
  private final ObjectWriteStream out;
  private final FileSystem.Statistics statistics;
  private final String path;
  private boolean closed;

  StowageOutputStream(ObjectWriteStream out, FileSystem.Statistics statistics, String path) {
    this.out = out;
    this.statistics = statistics;
    this.path = path;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    out.write(b);
    counted(1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    out.write(b, off, len);
    counted(len);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    out.close();
    if (statistics != null) {
      statistics.incrementWriteOps(1);
    }
  }

  @Override
  public AbortableResult abort() {
    boolean wasClosed = closed;
    closed = true;
    if (!wasClosed) {
      out.cancel();
    }
    return new AbortableResult() {
      @Override
      public boolean alreadyClosed() {
        return wasClosed;
      }

      @Override
      public IOException anyCleanupException() {
        return null;
      }
    };
  }

  @Override
  public boolean hasCapability(String capability) {
    return capability.equals(StreamCapabilities.ABORTABLE_STREAM);
  }

  private void counted(int bytes) {
    if (statistics != null) {
      statistics.incrementBytesWritten(bytes);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the stream of " + path + " is closed");
    }
  }
}
