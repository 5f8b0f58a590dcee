package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Checksum;

/**
 * The values of a transfer's checksums over one run of bytes (a part, a range, a whole object), in
 * the order of its {@link #codes}. Immutable; runs combine in order.
 */
record Sums(List<Crc> codes, long length, long[] values) {
  Sums {
    codes = List.copyOf(codes);
    values = values.clone();
  }

  /** The sums of no bytes. */
  static Sums empty(List<Crc> codes) {
    long[] values = new long[codes.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = codes.get(i).newChecksum().getValue();
    }
    return new Sums(codes, 0, values);
  }

  /** Reads a stream to its end and returns the sums of its bytes. */
  static Sums of(InputStream in, List<Crc> codes) throws IOException {
    Running running = new Running(codes);
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      running.update(buffer, 0, n);
    }
    return running.finish();
  }

  /** The sums of these bytes followed by {@code next}. */
  Sums then(Sums next) {
    long[] joined = new long[values.length];
    for (int i = 0; i < joined.length; i++) {
      joined[i] = codes.get(i).combine(values[i], next.values[i], next.length);
    }
    return new Sums(codes, length + next.length, joined);
  }

  Map<ChecksumAlgorithm, String> toMap() {
    Map<ChecksumAlgorithm, String> map = new EnumMap<>(ChecksumAlgorithm.class);
    for (int i = 0; i < values.length; i++) {
      map.put(codes.get(i).algorithm(), codes.get(i).hex(values[i]));
    }
    return map;
  }

  /** Computes sums while bytes go by. Not thread-safe. */
  static final class Running {
    private final List<Crc> codes;
    private final Checksum[] checksums;
    private long length;

    Running(List<Crc> codes) {
      this.codes = codes;
      this.checksums = new Checksum[codes.size()];
      for (int i = 0; i < checksums.length; i++) {
        checksums[i] = codes.get(i).newChecksum();
      }
    }

    void update(byte[] bytes, int offset, int count) {
      for (Checksum checksum : checksums) {
        checksum.update(bytes, offset, count);
      }
      length += count;
    }

    long length() {
      return length;
    }

    Sums finish() {
      long[] values = new long[checksums.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = checksums[i].getValue();
      }
      return new Sums(codes, length, values);
    }
  }
}
