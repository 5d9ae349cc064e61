package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImpairmentTest {

  @Test
  void validValuesHaveNoProblems() {
    assertTrue(new Impairment(20, 5, 0.1, 1, 0, 100, 3).problems().isEmpty());
    assertTrue(Impairment.NONE.problems().isEmpty());
    assertTrue(Impairment.NONE.isNone());
  }

  @Test
  void outOfRangeValuesNamed() {
    List<String> problems = new Impairment(-1, 0, 1.01, -0.1, Double.NaN, Double.POSITIVE_INFINITY, 0).problems();
    assertEquals(5, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("--delay -1"), problems.get(0));
    assertTrue(String.join("\n", problems).contains("--loss 1.01"));
    assertTrue(String.join("\n", problems).contains("--dup -0.1"));
    assertTrue(String.join("\n", problems).contains("--reorder NaN"));
    assertTrue(String.join("\n", problems).contains("--rate Infinity"));
  }

  @Test
  void limitsAreInclusive() {
    assertTrue(new Impairment(Impairment.MAX_DELAY_MS, Impairment.MAX_DELAY_MS, 1, 1, 1, Impairment.MAX_RATE_MBIT, 0)
        .problems().isEmpty());
    List<String> problems = new Impairment(60_000.5, 0, 0, 0, 0, 100_001, 0).problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("--delay 60000.5"), problems.get(0));
    assertTrue(problems.get(1).contains("--rate 100001"), problems.get(1));
  }

  @Test
  void lossThatRoundsToNoDropIsRefused() {
    List<String> problems = new Impairment(0, 0, 0.00001, 0, 0, 0, 0).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("--loss 0.00001"), problems.get(0));
    assertTrue(problems.get(0).contains("0.00005"), problems.get(0));
    assertTrue(new Impairment(0, 0, Impairment.MIN_LOSS, 0, 0, 0, 0).problems().isEmpty());
  }

  @Test
  void jitterNeedsDelay() {
    assertEquals(1, new Impairment(0, 5, 0, 0, 0, 0, 0).problems().size());
  }

  @Test
  void jsonRoundTrips() {
    Impairment impairment = new Impairment(20, 5, 0.1, 0.01, 0.02, 10, 7);
    assertEquals(impairment, Impairment.fromJson(impairment.toJson()));
  }
}
