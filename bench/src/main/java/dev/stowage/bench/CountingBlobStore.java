package dev.stowage.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Counts the calls S3Proxy makes on its blob store, one per S3 request that reaches it (a PUT is
 * {@code putBlob}, a part {@code uploadMultipartPart}, a HEAD {@code blobMetadata...}), and can
 * delay every HEAD to stand in for a distant store.
 */
final class CountingBlobStore implements InvocationHandler {
  private final BlobStore target;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final AtomicInteger headsInFlight = new AtomicInteger();
  private final AtomicInteger maxHeadsInFlight = new AtomicInteger();
  private volatile long headLatencyMillis;

  CountingBlobStore(BlobStore target) {
    this.target = target;
  }

  void headLatencyMillis(long millis) {
    headLatencyMillis = millis;
  }

  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    calls.forEach((name, count) -> copy.put(name, count.sum()));
    return copy;
  }

  int takeMaxHeadsInFlight() {
    return maxHeadsInFlight.getAndSet(0);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(target, args);
    }
    calls.computeIfAbsent(name, n -> new LongAdder()).increment();
    boolean head = name.startsWith("blobMetadata");
    if (head) {
      maxHeadsInFlight.accumulateAndGet(headsInFlight.incrementAndGet(), Math::max);
    }
    try {
      if (head && headLatencyMillis > 0) {
        // the latency of a distant store (B6), not a wait for anything
        Thread.sleep(headLatencyMillis);
      }
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      if (head) {
        headsInFlight.decrementAndGet();
      }
    }
  }
}
