package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemCountersTest {
  @Test
  void countsFailedChecksOnly() {
    ProblemCounters counters = new ProblemCounters();
    EccpHeader view = new EccpHeader();
    byte[] shortBytes = new byte[12];
    counters.count(view.wrap(Hex.store(shortBytes), 0, shortBytes.length).check());
    counters.count(view.wrap(Hex.store(shortBytes), 0, 0).check());
    counters.count(Problem.BAD_EXTENSION);
    counters.count(new CheckResult().pass());

    assertEquals(2, counters.get(Problem.TRUNCATED));
    assertEquals(1, counters.get(Problem.BAD_EXTENSION));
    assertEquals(3, counters.total());
    assertEquals("TRUNCATED=2 BAD_EXTENSION=1", counters.toString());
  }

  @Test
  void addSumsEachProblem() {
    ProblemCounters a = new ProblemCounters();
    ProblemCounters b = new ProblemCounters();
    a.count(Problem.FRAGMENT);
    b.count(Problem.FRAGMENT);
    b.count(Problem.NOT_ECCP);
    a.add(b);
    assertEquals(2, a.get(Problem.FRAGMENT));
    assertEquals(1, a.get(Problem.NOT_ECCP));
  }
}
