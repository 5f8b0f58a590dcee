package dev.stowage.engine;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The child JVM of {@link StreamsInBudgetTest}: many streams of unknown length at once into a
 * filesystem store through one engine with a small budget; prints {@code DONE <peak>} when every
 * stream is stored.
 */
final class ManyStreamsWriter {
  static final int STREAMS = 12;
  static final long STREAM_BYTES = 24L << 20;
  static final long BUDGET = 16L << 20;

  private ManyStreamsWriter() {}

  public static void main(String[] args) throws Exception {
    ExecutorService streams = Executors.newFixedThreadPool(STREAMS);
    try (ObjectStore store = Stores.filesystem(Path.of(args[0]));
        TransferEngine engine =
            TransferEngine.builder().concurrency(2).memoryBudget(BUDGET).build()) {
      List<Future<TransferResult>> uploads = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        String key = "stream-" + i;
        uploads.add(
            streams.submit(
                () -> {
                  try (InputStream in = new Filler(STREAM_BYTES, (byte) key.hashCode())) {
                    return engine.upload(in, store, key, WriteOptions.DEFAULTS);
                  }
                }));
      }
      for (Future<TransferResult> upload : uploads) {
        upload.get();
      }
      System.out.println("DONE " + engine.metrics().peakBufferedBytes());
    } finally {
      streams.shutdown();
    }
  }

  /** A stream of one byte value repeated, of unknown length to the engine; holds no buffer. */
  private static final class Filler extends InputStream {
    private final byte value;
    private long left;

    Filler(long length, byte value) {
      this.left = length;
      this.value = value;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return value & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      Arrays.fill(buffer, offset, offset + n, value);
      left -= n;
      return n;
    }
  }
}
