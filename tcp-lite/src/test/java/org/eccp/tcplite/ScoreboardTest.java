package org.eccp.tcplite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreboardTest {
  private static Scoreboard board(int segments) {
    Scoreboard b = new Scoreboard();
    for (int i = 0; i < segments; i++) {
      b.add(new SentSegment(1 + 100L * i, 100));
    }
    return b;
  }

  @Test
  void scoreboard_sackReportsOnce() {
    Scoreboard b = board(4);
    SentSegment second = b.first();
    for (SentSegment s : b.all()) {
      if (s.start == 101) {
        second = s;
      }
    }
    b.markLost(second);
    List<Boolean> lostWhenReported = new ArrayList<>();
    b.sack(101, 301, s -> lostWhenReported.add(s.lost));
    assertEquals(List.of(true, false), lostWhenReported);
    b.sack(101, 301, s -> lostWhenReported.add(s.lost));
    assertEquals(2, lostWhenReported.size(), "a second SACK of the same range reports nothing");
    assertNull(b.firstLost());
  }

  @Test
  void scoreboard_cumulativeAckSkipsSegmentsAlreadySacked() {
    Scoreboard b = board(4);
    b.sack(201, 301, s -> {});
    List<Long> reported = new ArrayList<>();
    b.ackUpTo(301, s -> reported.add(s.start));
    assertEquals(List.of(1L, 101L), reported);
    assertEquals(1, b.size());
  }

  @Test
  void scoreboard_firstLostIsTheLowest() {
    Scoreboard b = board(5);
    List<SentSegment> all = new ArrayList<>();
    b.all().forEach(all::add);
    b.markLost(all.get(3));
    b.markLost(all.get(1));
    assertSame(all.get(1), b.firstLost());
    b.retransmitted(all.get(1));
    assertSame(all.get(3), b.firstLost());
  }
}
