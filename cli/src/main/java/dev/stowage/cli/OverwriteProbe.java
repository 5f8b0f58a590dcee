package dev.stowage.cli;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether an overwrite is atomic: while one thread replaces an object several times with objects of
 * other sizes, another reads it whole again and again, and every read must be the old object or the
 * new one, never a mix, a cut or nothing. It ends when the writes end, so it takes as long as the
 * store does.
 */
final class OverwriteProbe {
  static final int OVERWRITES = 8;

  /** What the reads saw: how many, and the first that was neither object whole, if any. */
  record Outcome(int reads, String torn) {}

  private OverwriteProbe() {}

  static Outcome run(ObjectStore store, String key, byte[] first, byte[] second) {
    store.put(key, Content.ofBytes(first), WriteOptions.DEFAULTS);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<String> torn = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              boolean last = false;
              while (torn.get() == null && !last) {
                last = !writing.get(); // one more read after the last write
                String problem;
                try {
                  problem = readWhole(store, key, first, second);
                } catch (RuntimeException e) {
                  problem = "a read during an overwrite failed: " + e.getMessage();
                }
                reads.incrementAndGet();
                torn.compareAndSet(null, problem);
              }
            },
            "stowage-probe-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      for (int i = 0; i < OVERWRITES && torn.get() == null; i++) {
        byte[] next = i % 2 == 0 ? second : first;
        store.put(key, Content.ofBytes(next), WriteOptions.DEFAULTS);
      }
    } finally {
      writing.set(false);
    }
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the overwrite probe read", e);
    }
    return new Outcome(reads.get(), torn.get());
  }

  /** Null if the object read is one of the two whole, else what it was. */
  private static String readWhole(ObjectStore store, String key, byte[] first, byte[] second) {
    byte[] read;
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      read = in.readAllBytes();
    } catch (StorageException | IOException e) {
      return "a read during an overwrite failed: " + e.getMessage();
    }
    if (Arrays.equals(read, first) || Arrays.equals(read, second)) {
      return null;
    }
    return "a read during an overwrite gave "
        + read.length
        + " bytes that are neither the old object ("
        + first.length
        + ") nor the new one ("
        + second.length
        + ")";
  }
}
