package org.eccp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogThrottleTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void record_logsTheFirstEventAtOnce() {
    LogThrottle t = new LogThrottle(SECOND);
    assertEquals(1, t.record(-5 * SECOND));
  }

  @Test
  void record_countsEventsWithinAnInterval() {
    LogThrottle t = new LogThrottle(SECOND);
    assertEquals(1, t.record(0));
    long logged = 0;
    for (int i = 1; i <= 20_000; i++) {
      logged += t.record(i * 1000L);
    }
    assertEquals(0, logged, "20,000 events within one second add no line");
    assertEquals(20_001, t.record(SECOND));
    assertEquals(0, t.record(SECOND + 1));
  }
}
