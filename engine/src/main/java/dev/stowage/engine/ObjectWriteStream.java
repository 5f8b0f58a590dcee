package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An object written as a stream, from {@link TransferEngine#newUpload}: the bytes go up as the
 * engine's streaming upload does it (one write if they fit in a part, else parts in parallel within
 * the memory budget, each checked against what the store reports), and the object appears only when
 * {@link #close()} returns. If the upload fails, or {@link #cancel()} is called, nothing appears
 * and a multipart upload is aborted.
 *
 * <p>Between the writer and the upload at most {@value #QUEUED_CHUNKS} chunks of {@value
 * #CHUNK_BYTES} bytes wait, outside the memory budget. The upload runs on one of the engine's
 * threads until the stream is closed or cancelled, so a caller must do one of the two. Not
 * thread-safe, like any {@link OutputStream}, except {@link #cancel()}, which any thread may call.
 */
public final class ObjectWriteStream extends OutputStream {
  static final int CHUNK_BYTES = 64 * 1024;
  static final int QUEUED_CHUNKS = 16;

  private static final byte[] END = new byte[0];

  private final String description;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final Future<TransferResult> upload;
  private byte[] chunk = new byte[CHUNK_BYTES];
  private int filled;
  private boolean uploadEnded;
  private volatile boolean cancelled;
  private volatile boolean closed;
  private volatile TransferResult result;

  ObjectWriteStream(EngineResources engine, String description, Uploader uploader) {
    this.description = description;
    this.upload =
        engine.fileWorkers.submit(
            () -> {
              try {
                return uploader.upload(new Reader());
              } finally {
                lock.lock();
                try {
                  uploadEnded = true;
                  queue.clear();
                  changed.signalAll();
                } finally {
                  lock.unlock();
                }
              }
            });
  }

  /** Runs the upload over the stream the writer fills. */
  @FunctionalInterface
  interface Uploader {
    TransferResult upload(InputStream in);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureWritable();
    while (len > 0) {
      int n = Math.min(len, chunk.length - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == chunk.length) {
        hand(chunk);
        chunk = new byte[CHUNK_BYTES];
        filled = 0;
      }
    }
  }

  /**
   * Sends the bytes written so far, writes the object, and returns when it is stored and verified.
   * Idempotent.
   *
   * @throws IOException if the upload failed or was cancelled; its cause is the {@link
   *     StorageException}, and nothing was stored
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!cancelled) {
      if (filled > 0) {
        hand(Arrays.copyOf(chunk, filled));
      }
      hand(END);
    }
    result = await();
  }

  /**
   * Gives up the upload: nothing is stored and a multipart upload is aborted. Returns once the
   * upload has ended. Does nothing after {@link #close()}.
   */
  public void cancel() {
    lock.lock();
    try {
      if (closed && result != null) {
        return;
      }
      cancelled = true;
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      upload.get();
    } catch (ExecutionException e) {
      // the cancellation made it fail, as it should
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns what was stored, once {@link #close()} has returned without failing.
   *
   * @return the result, or empty before
   */
  public Optional<TransferResult> result() {
    return Optional.ofNullable(result);
  }

  private void hand(byte[] bytes) throws IOException {
    lock.lock();
    try {
      while (queue.size() >= QUEUED_CHUNKS && !uploadEnded && !cancelled) {
        changed.await();
      }
      if (cancelled) {
        throw new IOException("the upload of " + description + " was cancelled");
      }
      if (uploadEnded) {
        return; // the upload failed; close() reports why
      }
      queue.add(bytes);
      changed.signalAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + description);
    } finally {
      lock.unlock();
    }
  }

  private TransferResult await() throws IOException {
    try {
      return upload.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException(
          (cancelled ? "the upload was cancelled: " : "the upload failed: ") + cause.getMessage(),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new InterruptedIOException("interrupted while finishing " + description);
    }
  }

  private void ensureWritable() throws IOException {
    if (closed) {
      throw new IOException("the stream of " + description + " is closed");
    }
    if (cancelled) {
      throw new IOException("the upload of " + description + " was cancelled");
    }
    if (upload.isDone()) {
      close(); // throws the upload's failure
      throw new IOException("the upload of " + description + " ended before the stream closed");
    }
  }

  /** The upload's side: chunks in the order written, then the end, or a failure if cancelled. */
  private final class Reader extends InputStream {
    private byte[] current = new byte[0];
    private int read;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (read == current.length) {
        if (ended) {
          return -1;
        }
        next();
      }
      int n = Math.min(len, current.length - read);
      System.arraycopy(current, read, b, off, n);
      read += n;
      return n;
    }

    private void next() throws IOException {
      lock.lock();
      try {
        while (queue.isEmpty() && !cancelled) {
          changed.await();
        }
        if (cancelled) {
          throw new IOException("the upload of " + description + " was cancelled");
        }
        current = queue.poll();
        read = 0;
        ended = current == END;
        changed.signalAll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for bytes");
      } finally {
        lock.unlock();
      }
    }
  }
}
