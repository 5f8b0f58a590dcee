package dev.stowage.engine;

import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageFullException;
import dev.stowage.api.UnsupportedCapabilityException;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs one transfer per item of a lazy sequence (a listing, a directory walk) with a bounded number
 * of items in flight: the next item is taken only when one finishes, and the sequence is read ahead
 * of the transfers by at most {@link TransferEngineBuilder#listAhead} items ({@link ListAhead}), so
 * a million objects take the memory of ten thousand. A failure of one object is recorded and the
 * rest go on; a failure that would fail every object (permission, a full store, configuration,
 * capability, or a failed listing) stops the batch and is thrown once the objects in flight have
 * settled.
 */
final class BatchRunner {
  private BatchRunner() {}

  /**
   * Runs {@code transfer} on each item.
   *
   * @param keyOf names an item in the failures
   * @param sizeOf an item's bytes as listed, or -1 if unknown
   * @param transfer transfers one item and returns its bytes
   */
  static <T> BatchResult run(
      EngineResources engine,
      Iterator<T> listed,
      Function<T, String> keyOf,
      ToLongFunction<T> sizeOf,
      ToLongFunction<T> transfer) {
    long started = System.nanoTime();
    long retriesBefore = engine.retries.get();
    AtomicLong objects = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    ConcurrentSkipListMap<String, StorageException> failures = new ConcurrentSkipListMap<>();
    AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    TaskWindow window = new TaskWindow(engine.concurrency);
    try (ListAhead<T> items = ListAhead.start(engine, listed, keyOf, sizeOf, engine.listAhead)) {
      while (fatal.get() == null && !engine.cancelled() && items.hasNext()) {
        T item = items.next();
        window.submit(
            engine.fileWorkers,
            () -> {
              try {
                bytes.addAndGet(transfer.applyAsLong(item));
                objects.incrementAndGet();
              } catch (StorageException e) {
                if (stopsTheBatch(e)) {
                  fatal.compareAndSet(null, e);
                } else {
                  failures.put(keyOf.apply(item), e);
                }
              } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fatal.compareAndSet(null, new IllegalStateException("the batch was interrupted", e));
    } catch (RuntimeException e) {
      fatal.compareAndSet(null, e); // the listing or walk failed
    } finally {
      window.awaitAll();
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    if (engine.cancelled()) {
      throw new CancellationException(
          "the batch was cancelled after " + objects.get() + " objects");
    }
    return new BatchResult(
        objects.get(),
        bytes.get(),
        engine.retries.get() - retriesBefore,
        java.time.Duration.ofNanos(System.nanoTime() - started),
        failures);
  }

  private static boolean stopsTheBatch(StorageException e) {
    return e instanceof PermissionDeniedException
        || e instanceof StorageFullException
        || e instanceof InvalidConfigException
        || e instanceof UnsupportedCapabilityException;
  }
}
