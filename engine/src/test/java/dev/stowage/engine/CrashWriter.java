package dev.stowage.engine;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child JVM of {@link CrashTest}: overwrites 20 keys of a filesystem store forever, with single
 * writes and (every third write) multipart uploads through the engine, printing {@code BEGIN key
 * version} before and {@code DONE key version} after each, until it is killed.
 */
public final class CrashWriter {
  static final int KEYS = 20;
  private static final int HEADER = 16;

  private CrashWriter() {}

  /**
   * Writes until killed.
   *
   * @param args the store's root directory, a seed, and the first version number (each run starts
   *     above the last one's)
   */
  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    PrintStream out = System.out;
    try (ObjectStore store = Stores.filesystem(root);
        TransferEngine engine = TransferEngine.builder().partSize(64 * 1024).build()) {
      for (long version = Long.parseLong(args[2]); ; version++) {
        int key = random.nextInt(KEYS);
        byte[] content = content(key, version, random.nextInt(400_000));
        out.println("BEGIN " + key + " " + version);
        out.flush();
        if (version % 3 == 0) { // a multipart upload through the engine
          engine.upload(Content.ofBytes(content), store, name(key), WriteOptions.DEFAULTS);
        } else {
          store.put(name(key), Content.ofBytes(content), WriteOptions.DEFAULTS);
        }
        out.println("DONE " + key + " " + version);
        out.flush();
      }
    }
  }

  static String name(int key) {
    return "crash/key-" + key;
  }

  /** A version's bytes: key, version and length in a header, then bytes from their seed. */
  static byte[] content(int key, long version, int bodyLength) {
    byte[] content = new byte[HEADER + bodyLength];
    ByteBuffer.wrap(content).putInt(key).putLong(version).putInt(bodyLength);
    byte[] body = new byte[bodyLength];
    new Random(key * 1_000_003L + version).nextBytes(body);
    System.arraycopy(body, 0, content, HEADER, bodyLength);
    return content;
  }

  /** Returns the version a stored object holds, or -1 if it is not wholly one written version. */
  static long wholeVersion(int key, byte[] stored) {
    if (stored.length < HEADER) {
      return -1;
    }
    ByteBuffer header = ByteBuffer.wrap(stored);
    int storedKey = header.getInt();
    long version = header.getLong();
    int bodyLength = header.getInt();
    if (storedKey != key || bodyLength != stored.length - HEADER || version < 1) {
      return -1;
    }
    return java.util.Arrays.equals(stored, content(key, version, bodyLength)) ? version : -1;
  }
}
