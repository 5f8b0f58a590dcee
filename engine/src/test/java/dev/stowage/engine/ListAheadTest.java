package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch lists ahead of its transfers, within its bound, so that a progress display knows the work
 * ahead; a listing that fails or a batch that stops still ends the listing's thread.
 */
class ListAheadTest {
  private static final int OBJECTS = 50;

  @TempDir Path temp;
  private EngineResources resources;

  @BeforeEach
  void open() {
    resources = TestResources.of(1024, 2, RetryPolicy.DEFAULT, TransferListener.NONE);
  }

  @AfterEach
  void close() {
    resources.close();
  }

  @Test
  void aBatchIsListedWholeWhileItsFirstTransfersStillWait() throws Exception {
    ObjectStore source = Stores.filesystem(temp.resolve("source"));
    ObjectStore target = Stores.filesystem(temp.resolve("target"));
    long bytes = 0;
    for (int i = 0; i < OBJECTS; i++) {
      source.put(
          String.format("in/%02d", i), Content.ofBytes(bytes(100 + i)), WriteOptions.DEFAULTS);
      bytes += 100 + i;
    }
    CountDownLatch listed = new CountDownLatch(1);
    AtomicLong queued = new AtomicLong();
    AtomicLong listedObjects = new AtomicLong(-1);
    AtomicLong listedBytes = new AtomicLong(-1);
    AtomicBoolean startedBeforeTheEnd = new AtomicBoolean();
    TransferListener listener =
        new TransferListener() {
          @Override
          public void onProgress(TransferProgress progress) {}

          @Override
          public void onQueued(String key, long size) {
            queued.incrementAndGet();
          }

          @Override
          public void onListed(long objects, long size) {
            listedObjects.set(objects);
            listedBytes.set(size);
            listed.countDown();
          }

          @Override
          public void onStarted(String key) {
            // 2 transfers at once, 50 objects: the listing ends only if it runs ahead of them
            try {
              if (!listed.await(60, TimeUnit.SECONDS)) {
                startedBeforeTheEnd.set(true);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    try (TransferEngine engine =
        TransferEngine.builder().concurrency(2).listener(listener).build()) {
      BatchResult result = engine.copyAll(source, "in/", target, "out/", WriteOptions.DEFAULTS);
      assertThat(result.objects()).isEqualTo(OBJECTS);
    }
    assertThat(startedBeforeTheEnd).as("a transfer waited 60 s for the listing's end").isFalse();
    assertThat(queued.get()).isEqualTo(OBJECTS);
    assertThat(listedObjects.get()).isEqualTo(OBJECTS);
    assertThat(listedBytes.get()).isEqualTo(bytes);
    source.close();
    target.close();
  }

  @Test
  void holdsNoMoreThanItsBoundAheadOfTheConsumer() throws Exception {
    int capacity = 5;
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger mostAhead = new AtomicInteger();
    CountDownLatch filled = new CountDownLatch(capacity + 1);
    Iterator<Integer> items =
        new Counting(
            OBJECTS,
            calls -> {
              mostAhead.accumulateAndGet(calls - taken.get(), Math::max);
              filled.countDown();
            });
    List<Integer> seen = new ArrayList<>();
    try (ListAhead<Integer> ahead =
        ListAhead.start(resources, items, String::valueOf, item -> 10, capacity)) {
      // the lister fills its queue and holds one more item before anything is taken
      assertThat(filled.await(60, TimeUnit.SECONDS)).isTrue();
      while (ahead.hasNext()) {
        seen.add(ahead.next());
        taken.incrementAndGet();
      }
    }
    assertThat(seen).hasSize(OBJECTS).isSorted();
    // the queue, the item in the lister's hand, and one the consumer took but has not counted
    assertThat(mostAhead.get()).isBetween(capacity + 1, capacity + 2);
  }

  @Test
  void aFailedListingIsThrownAfterTheItemsFoundBeforeIt() {
    AtomicReference<Object> listedEvent = new AtomicReference<>();
    EngineResources listening = resourcesHearing(listedEvent);
    try (listening) {
      Iterator<Integer> items =
          new Counting(
              OBJECTS,
              calls -> {
                if (calls == 4) {
                  throw new IllegalStateException("the listing broke at its fourth item");
                }
              });
      List<Integer> seen = new ArrayList<>();
      try (ListAhead<Integer> ahead =
          ListAhead.start(listening, items, String::valueOf, item -> 10, 100)) {
        assertThatThrownBy(
                () -> {
                  while (ahead.hasNext()) {
                    seen.add(ahead.next());
                  }
                })
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the listing broke at its fourth item");
      }
      assertThat(seen).containsExactly(0, 1, 2);
      assertThat(listedEvent.get()).as("a failed listing has no end event").isNull();
    }
  }

  @Test
  void closingStopsAListerThatWaitsForRoom() {
    AtomicInteger calls = new AtomicInteger();
    Iterator<Integer> items = new Counting(OBJECTS, calls::set);
    ListAhead<Integer> ahead = ListAhead.start(resources, items, String::valueOf, item -> 1, 1);
    assertThat(ahead.next()).isEqualTo(0);
    ahead.close();
    assertThat(calls.get()).isLessThanOrEqualTo(4);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("close returns once the lister's thread has ended")
        .noneMatch(thread -> thread.getName().equals("stowage-list-ahead"));
  }

  private EngineResources resourcesHearing(AtomicReference<Object> listed) {
    return TestResources.of(
        1024,
        2,
        RetryPolicy.DEFAULT,
        new TransferListener() {
          @Override
          public void onProgress(TransferProgress progress) {}

          @Override
          public void onListed(long objects, long bytes) {
            listed.set(objects);
          }
        });
  }

  /** The numbers 0 to n - 1, telling how many were asked for each time one is. */
  private static final class Counting implements Iterator<Integer> {
    private final int count;
    private final java.util.function.IntConsumer onNext;
    private int next;

    Counting(int count, java.util.function.IntConsumer onNext) {
      this.count = count;
      this.onNext = onNext;
    }

    @Override
    public boolean hasNext() {
      return next < count;
    }

    @Override
    public Integer next() {
      onNext.accept(next + 1);
      return next++;
    }
  }
}
