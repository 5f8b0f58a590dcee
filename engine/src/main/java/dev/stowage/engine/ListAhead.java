package dev.stowage.engine;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reads a batch's listing (or directory walk) ahead of its transfers, on a thread of its own,
 * holding at most a bounded number of the items found and not yet taken; tells the engine's
 * listener of each item as it is found and of the listing's end, so that a progress display knows
 * the work ahead before the transfers reach it. A failure of the listing is thrown to the consumer
 * once it has taken the items found before it. Closing it stops the listing and waits for its
 * thread, so the listing may be closed afterwards.
 */
final class ListAhead<T> implements Iterator<T>, AutoCloseable {
  private static final Object END = new Object();

  private final EngineResources engine;
  private final Iterator<T> items;
  private final Function<T, String> keyOf;
  private final ToLongFunction<T> sizeOf;
  private final BlockingQueue<Object> found;
  private final Thread lister;
  private volatile boolean stopped;
  private volatile RuntimeException failure;
  private Object next;

  private ListAhead(
      EngineResources engine,
      Iterator<T> items,
      Function<T, String> keyOf,
      ToLongFunction<T> sizeOf,
      int capacity) {
    this.engine = engine;
    this.items = items;
    this.keyOf = keyOf;
    this.sizeOf = sizeOf;
    this.found = new ArrayBlockingQueue<>(capacity);
    this.lister = new Thread(this::list, "stowage-list-ahead");
    lister.setDaemon(true);
  }

  /**
   * Starts listing ahead of the consumer.
   *
   * @param capacity how many items found may wait for the consumer, at least 1
   * @param sizeOf an item's bytes, or -1 if unknown
   */
  static <T> ListAhead<T> start(
      EngineResources engine,
      Iterator<T> items,
      Function<T, String> keyOf,
      ToLongFunction<T> sizeOf,
      int capacity) {
    ListAhead<T> ahead = new ListAhead<>(engine, items, keyOf, sizeOf, capacity);
    ahead.lister.start();
    return ahead;
  }

  private void list() {
    long objects = 0;
    long bytes = 0;
    try {
      while (!stopped && !engine.cancelled() && items.hasNext()) {
        T item = items.next();
        long size = sizeOf.applyAsLong(item);
        objects++;
        bytes += Math.max(0, size);
        engine.queued(keyOf.apply(item), size);
        found.put(item);
      }
      if (!stopped && !engine.cancelled()) {
        engine.listed(objects, bytes);
      }
    } catch (InterruptedException e) {
      failure = new IllegalStateException("the batch's listing was interrupted", e);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      if (!stopped) {
        putEnd();
      }
    }
  }

  private void putEnd() {
    try {
      found.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = found.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the batch was interrupted", e);
      }
    }
    if (next == END) {
      if (failure != null) {
        throw failure;
      }
      return false;
    }
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = (T) next;
    next = null;
    return item;
  }

  /** Stops the listing and waits for its thread: at most the one request it is in. */
  @Override
  public void close() {
    stopped = true;
    // the lister is stopped, so what it found is not needed; this frees it from a full queue, and
    // it puts at most one more item before it sees it is stopped
    found.clear();
    boolean interrupted = false;
    while (lister.isAlive()) {
      try {
        lister.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
