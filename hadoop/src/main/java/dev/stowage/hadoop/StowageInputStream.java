package dev.stowage.hadoop;

import dev.stowage.api.StorageException;
import dev.stowage.engine.ObjectReadStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.CanSetReadahead;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * A file opened for reading: the engine's {@link ObjectReadStream}, which seeks, reads at
 * positions, resumes a cut read on the same version of the object, and verifies a whole in-order
 * read against the store's checksums; sequential reads ask for ranges of the read-ahead ({@code
 * setReadahead}), vectored reads go through the filesystem's {@link VectoredReads}. Counts the
 * bytes it reads into the filesystem's statistics.
 */
final class StowageInputStream extends FSInputStream
    implements StreamCapabilities, CanSetReadahead {
  private final ObjectReadStream in;
  private final FileSystem.Statistics statistics;
  private final String path;
  private final VectoredReads vectoredReads;
  private final long defaultReadAhead;
  private boolean closed;

  StowageInputStream(
      ObjectReadStream in,
      FileSystem.Statistics statistics,
      String path,
      long readAhead,
      VectoredReads vectoredReads) {
    this.in = in;
    this.statistics = statistics;
    this.path = path;
    this.vectoredReads = vectoredReads;
    this.defaultReadAhead = readAhead;
    in.readAhead(readAhead);
  }

  @Override
  public synchronized void setReadahead(Long bytes) throws IOException {
    ensureOpen();
    if (bytes != null && bytes < 0) {
      throw new IllegalArgumentException("read-ahead must be 0 or more bytes: " + bytes);
    }
    in.readAhead(bytes == null ? defaultReadAhead : bytes);
  }

  @Override
  public int minSeekForVectorReads() {
    return vectoredReads.minSeek();
  }

  @Override
  public int maxReadSizeForVectorReads() {
    return vectoredReads.maxMerged();
  }

  @Override
  public void readVectored(List<? extends FileRange> ranges, IntFunction<ByteBuffer> allocate)
      throws IOException {
    readVectored(ranges, allocate, buffer -> {});
  }

  @Override
  public void readVectored(
      List<? extends FileRange> ranges,
      IntFunction<ByteBuffer> allocate,
      Consumer<ByteBuffer> release)
      throws IOException {
    Objects.requireNonNull(ranges, "ranges is null");
    Objects.requireNonNull(allocate, "allocate is null");
    Objects.requireNonNull(release, "release is null");
    synchronized (this) {
      ensureOpen();
    }
    vectoredReads.read(in, path, ranges, allocate, release, this::counted);
  }

  @Override
  public synchronized void seek(long position) throws IOException {
    ensureOpen();
    if (position < 0) {
      throw new EOFException(FSExceptionMessages.NEGATIVE_SEEK + ": " + position + " in " + path);
    }
    if (position > in.length()) {
      throw new EOFException(
          FSExceptionMessages.CANNOT_SEEK_PAST_EOF + ": " + position + " in " + path);
    }
    in.seek(position);
  }

  @Override
  public synchronized long getPos() throws IOException {
    ensureOpen();
    return in.position();
  }

  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public synchronized int read() throws IOException {
    ensureOpen();
    int b = in.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    int n = in.read(b, off, len);
    counted(n);
    return n;
  }

  @Override
  public int read(long position, byte[] b, int off, int len) throws IOException {
    synchronized (this) {
      ensureOpen();
    }
    validatePositionedReadArgs(position, b, off, len);
    if (len == 0) {
      return 0;
    }
    if (position >= in.length()) {
      return -1;
    }
    try {
      int n = in.read(position, b, off, len);
      counted(n);
      return n;
    } catch (StorageException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public void readFully(long position, byte[] b, int off, int len) throws IOException {
    synchronized (this) {
      ensureOpen();
    }
    validatePositionedReadArgs(position, b, off, len);
    if (position + len > in.length()) {
      throw new EOFException(
          FSExceptionMessages.EOF_IN_READ_FULLY
              + ": "
              + len
              + " bytes at "
              + position
              + " of "
              + in.length()
              + " in "
              + path);
    }
    try {
      in.readFully(position, b, off, len);
      counted(len);
    } catch (StorageException e) {
      throw HadoopErrors.translate(e);
    }
  }

  @Override
  public synchronized long skip(long n) throws IOException {
    ensureOpen();
    return in.skip(n);
  }

  @Override
  public synchronized int available() throws IOException {
    ensureOpen();
    return in.available();
  }

  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }

  @Override
  public boolean hasCapability(String capability) {
    return switch (capability.toLowerCase(java.util.Locale.ROOT)) {
      case StreamCapabilities.READAHEAD, StreamCapabilities.VECTOREDIO -> true;
      default -> false;
    };
  }

  private void counted(int bytes) {
    if (bytes > 0 && statistics != null) {
      statistics.incrementBytesRead(bytes);
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(FSExceptionMessages.STREAM_IS_CLOSED + ": " + path);
    }
  }
}
