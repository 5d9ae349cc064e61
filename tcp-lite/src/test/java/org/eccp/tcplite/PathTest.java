package org.eccp.tcplite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathTest {
  private static final long MS = TcpLiteConfig.MS;
  private static final long SECOND = 1000 * MS;
  private final TcpLiteConfig config = TcpLiteConfig.defaults().withRto(SECOND, 200 * MS,
      5 * SECOND, 5);

  @Test
  void rto_followsRfc6298FromTheFirstSamples() {
    Path p = new Path(1, config);
    assertEquals(SECOND, p.rto());
    p.sample(100 * MS);
    assertEquals(100 * MS, p.srtt);
    assertEquals(50 * MS, p.rttvar);
    assertEquals(300 * MS, p.rto());
    p.sample(100 * MS);
    assertEquals(100 * MS, p.srtt);
    assertEquals(37_500_000L, p.rttvar);
    assertEquals(250 * MS, p.rto());
  }

  @Test
  void rto_backoffCapAndReset() {
    Path p = new Path(1, config);
    p.sample(200 * MS);
    long base = p.rto();
    assertEquals(600 * MS, base);
    long[] expected = {1200 * MS, 2400 * MS, 4800 * MS, 5 * SECOND, 5 * SECOND};
    for (long e : expected) {
      p.onTimeout();
      assertEquals(e, p.rto());
    }
    p.sample(200 * MS);
    assertTrue(p.rto() < 600 * MS + 1, "back to the estimate: " + p.rto());
  }

  @Test
  void cwnd_slowStartThenOneHalvingPerRecovery() {
    Path p = new Path(1, config);
    int mss = config.mss();
    assertEquals(10L * mss, p.cwnd);
    p.grow(mss, 0);
    assertEquals(11L * mss, p.cwnd);
    p.inFlight = 11L * mss;
    p.sent = 20;
    p.highestDelivered = 5;
    p.onLoss();
    assertTrue(p.inRecovery());
    long halved = p.cwnd;
    assertEquals(11L * mss / 2, halved);
    p.onLoss();
    assertEquals(halved, p.cwnd, "a second loss in the same window does not halve again");
    p.grow(mss, 0);
    assertEquals(halved, p.cwnd, "no growth in recovery");
    p.highestDelivered = 20;
    assertFalse(p.inRecovery());
    p.grow(mss, 0);
    assertTrue(p.cwnd > halved, "congestion avoidance grows: " + p.cwnd);
    assertTrue(p.cwnd < halved + mss, "by less than a segment per ack: " + p.cwnd);
  }

  @Test
  void timeout_restartsFromOneSegment() {
    Path p = new Path(1, config);
    p.inFlight = 8L * config.mss();
    p.onTimeout();
    assertEquals(config.mss(), p.cwnd);
    assertEquals(5L * config.mss(), p.ssthresh);
    assertTrue(p.suspect);
  }
}
