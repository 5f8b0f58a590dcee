package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLimiterTest {
  @Test
  void aBurstOfThrottledAnswersHalvesTheLimitOnce() throws InterruptedException {
    RequestLimiter limiter = new RequestLimiter(8);
    long[] tickets = new long[8];
    for (int i = 0; i < 8; i++) {
      tickets[i] = limiter.acquire();
    }
    for (long ticket : tickets) {
      limiter.release(ticket, true); // all eight were in flight under the old load
    }
    assertThat(limiter.limit()).isEqualTo(4);
    assertThat(limiter.throttled()).isEqualTo(8);

    long later = limiter.acquire();
    limiter.release(later, true); // sent after the decrease: the store is still overloaded
    assertThat(limiter.limit()).isEqualTo(2);
  }

  @Test
  void successesRaiseTheLimitBackToItsMaximum() throws InterruptedException {
    RequestLimiter limiter = new RequestLimiter(4);
    limiter.release(limiter.acquire(), true);
    limiter.release(limiter.acquire(), true);
    assertThat(limiter.limit()).isEqualTo(1);
    for (int i = 0; i < 100; i++) {
      limiter.release(limiter.acquire(), false);
    }
    assertThat(limiter.limit()).isEqualTo(4);
    assertThat(limiter.requests()).isEqualTo(102);
  }
}
