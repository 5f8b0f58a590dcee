package dev.stowage.engine;

import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Many small requests with a bounded number in flight: stats of many keys, deletes in batches. */
final class FanOut {
  private FanOut() {}

  /**
   * Stats every key, at most the engine's stat concurrency at once, results in input order; the
   * first error that survives its retries cancels the stats not yet sent and is thrown.
   */
  static List<Optional<ObjectInfo>> stat(
      EngineResources engine, ObjectStore store, List<String> keys) {
    Transfer transfer =
        new Transfer(engine, ErrorContext.of(StorageOperation.STAT, store.location()), "", -1);
    AtomicReferenceArray<Optional<ObjectInfo>> results = new AtomicReferenceArray<>(keys.size());
    TaskWindow window = new TaskWindow(engine.statConcurrency);
    try {
      for (int i = 0; i < keys.size() && !transfer.failed(); i++) {
        int index = i;
        String key = keys.get(i);
        window.submit(
            engine.fileWorkers,
            () -> {
              try {
                if (!transfer.failed()) {
                  results.set(
                      index, transfer.callUnlimited(StorageOperation.STAT, () -> store.stat(key)));
                }
              } catch (Throwable e) {
                transfer.fail(e);
              }
            });
      }
    } catch (InterruptedException e) {
      transfer.fail(e);
    } finally {
      window.awaitAll();
    }
    if (transfer.failed()) {
      throw transfer.rethrow(transfer.failure());
    }
    List<Optional<ObjectInfo>> list = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      list.add(results.get(i));
    }
    return list;
  }

  /**
   * Deletes keys in batches of the store's declared size, several batches at once; keys whose
   * deletion failed retryably are tried again, each key's final failure is reported. A batch
   * request that fails as a whole stops the deletion and is thrown once the batches in flight
   * settle.
   */
  static DeleteReport delete(EngineResources engine, ObjectStore store, Iterator<String> keys) {
    Transfer transfer =
        new Transfer(engine, ErrorContext.of(StorageOperation.DELETE, store.location()), "", -1);
    int batchSize = Math.max(1, store.capabilities().maxDeleteBatch());
    AtomicLong deleted = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    ConcurrentSkipListMap<String, StorageException> failures = new ConcurrentSkipListMap<>();
    TaskWindow window = new TaskWindow(engine.concurrency);
    try {
      while (keys.hasNext() && !transfer.failed()) {
        List<String> batch = new ArrayList<>(Math.min(batchSize, 1024));
        while (batch.size() < batchSize && keys.hasNext()) {
          batch.add(keys.next());
        }
        window.submit(
            engine.fileWorkers,
            () -> {
              try {
                List<String> pending = batch;
                for (int attempt = 1; !pending.isEmpty(); attempt++) {
                  List<String> sending = pending;
                  DeleteResult result =
                      transfer.call(StorageOperation.DELETE, () -> store.deleteAll(sending));
                  requests.incrementAndGet();
                  deleted.addAndGet(result.deleted().size());
                  pending = new ArrayList<>();
                  for (Map.Entry<String, StorageException> failed : result.failed().entrySet()) {
                    if (failed.getValue().isRetryable()
                        && attempt < engine.retry.maxAttempts()
                        && !transfer.failed()) {
                      pending.add(failed.getKey());
                    } else {
                      failures.put(failed.getKey(), failed.getValue());
                    }
                  }
                  if (!pending.isEmpty() && !transfer.backoff(attempt)) {
                    throw result.failed().get(pending.get(0));
                  }
                }
              } catch (Throwable e) {
                transfer.fail(e);
              }
            });
      }
    } catch (InterruptedException e) {
      transfer.fail(e);
    } catch (RuntimeException e) {
      transfer.fail(e); // the key source (a listing) failed
    } finally {
      window.awaitAll();
    }
    if (transfer.failed()) {
      throw transfer.rethrow(transfer.failure());
    }
    return new DeleteReport(deleted.get(), failures, requests.get());
  }
}
