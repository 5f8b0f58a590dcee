package dev.stowage.bench;

import com.aliyun.oss.common.utils.CRC64;
import dev.stowage.engine.internal.Crc64;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * This machine's limits in the same run: a loopback socket copy (one JVM, two threads), and the
 * hashing kernels the peers use (timed loops after a warm-up, not JMH).
 */
final class Calibration implements Work {
  private static final int BUFFER = 1 << 20;

  private final TrialSettings settings;
  private final byte[] data = new byte[64 << 20];
  private long results;

  private Calibration(TrialSettings settings) {
    this.settings = settings;
    new SplittableRandom(8).nextBytes(data);
  }

  static Work of(TrialSettings settings) {
    return new Calibration(settings);
  }

  @Override
  public void warmUp() throws Exception {
    if (settings.side().equals("loopback")) {
      loopback(256L << 20);
    } else {
      kernels(data.length);
    }
  }

  @Override
  public Map<String, Object> run() throws Exception {
    long size = settings.number("size");
    if (settings.side().equals("loopback")) {
      return Map.of("bytes", loopback(size));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bytes", 0L);
    result.put("kernelsMiBps", kernels(size));
    result.put("checksumsXor", results);
    return result;
  }

  private long loopback(long size) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread reader =
          new Thread(
              () -> {
                try (Socket socket = listener.accept();
                    InputStream in = socket.getInputStream()) {
                  byte[] sink = new byte[BUFFER];
                  while (in.read(sink) >= 0) {
                    // discard
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      reader.start();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
          OutputStream out = socket.getOutputStream()) {
        for (long sent = 0; sent < size; sent += BUFFER) {
          out.write(data, 0, BUFFER);
        }
      }
      reader.join();
    }
    return size;
  }

  private Map<String, Double> kernels(long size) throws Exception {
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put("CRC32C (JDK)", rate(size, CRC32C::new));
    rates.put("CRC32 (JDK)", rate(size, CRC32::new));
    rates.put("CRC-64 (Stowage engine)", rate(size, Crc64::ecma));
    rates.put("CRC-64 (OSS SDK)", rate(size, CRC64::new));
    rates.put("MD5", digestRate(size, "MD5"));
    rates.put("SHA-256", digestRate(size, "SHA-256"));
    return rates;
  }

  private double rate(long size, Supplier<Checksum> kind) {
    Checksum checksum = kind.get();
    long start = System.nanoTime();
    for (long done = 0; done < size; done += data.length) {
      checksum.update(data, 0, (int) Math.min(data.length, size - done));
    }
    long nanos = System.nanoTime() - start;
    results ^= checksum.getValue();
    return mibPerSecond(size, nanos);
  }

  private double digestRate(long size, String algorithm) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    long start = System.nanoTime();
    for (long done = 0; done < size; done += data.length) {
      digest.update(data, 0, (int) Math.min(data.length, size - done));
    }
    long nanos = System.nanoTime() - start;
    results ^= digest.digest()[0];
    return mibPerSecond(size, nanos);
  }

  private static double mibPerSecond(long size, long nanos) {
    return size / (1024.0 * 1024) / (nanos / 1e9);
  }
}
