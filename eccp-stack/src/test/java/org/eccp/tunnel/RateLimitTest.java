package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final long MS = 1_000_000L;

  @Test
  void rateLimit_allowsBurstThenRate() {
    RateLimit limit = new RateLimit(100, 5);
    long now = 123 * MS;
    int tokens = 0;
    for (int i = 0; i < 20; i++) {
      tokens += limit.tryTake(now) ? 1 : 0;
    }
    assertEquals(5, tokens, "a full bucket holds the burst");
    assertFalse(limit.tryTake(now + 9 * MS), "one token takes 10 ms");
    assertTrue(limit.tryTake(now + 10 * MS));
    assertFalse(limit.tryTake(now + 10 * MS));
  }

  @Test
  void rateLimit_refillsOnlyToBurst() {
    RateLimit limit = new RateLimit(100, 3);
    limit.tryTake(0);
    int tokens = 0;
    for (int i = 0; i < 10; i++) {
      tokens += limit.tryTake(60_000 * MS) ? 1 : 0;
    }
    assertEquals(3, tokens);
  }
}
