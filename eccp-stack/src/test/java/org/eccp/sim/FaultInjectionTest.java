package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each injected protocol bug must be caught, by the scenario written for it and by the exhaustive
 * explorer, with a trace that leads to the violation.
 */
class FaultInjectionTest {

  /** Explores {@code config} with the real engine (must pass) and with the fault (must fail). */
  private static ExploreResult assertCaught(ExploreConfig config, FaultyEngine.Fault fault) {
    ExploreResult real = Explorer.run(config);
    assertTrue(real.passed(), () -> "the real engine fails: " + ExplorerTest.explain(real));
    assertTrue(real.complete(), () -> "search cut short: " + ExplorerTest.explain(real));
    ExploreResult r = Explorer.run(config, FaultyEngine.factory(fault));
    System.out.println(ExplorerTest.explain(r));
    assertNotNull(r.violation(), () -> "not caught: " + ExplorerTest.explain(r));
    assertFalse(r.trace().isEmpty(), "a violation comes with a trace");
    return r;
  }

  @Test
  void noRsynSentRcvdFailsCrossingScenario() {
    ScenarioResult r = Scenarios.run("crossing-migrations", false,
        FaultyEngine.factory(FaultyEngine.NO_RSYN_SENT_RCVD));
    assertFalse(r.passed(), () -> ScenarioTest.explain(r));
  }

  @Test
  void noRsynSentRcvdCaughtByExplorer() {
    ExploreResult r = assertCaught(new ExploreConfig(1, 1, 1, 0, 0, 0, 1_000_000),
        FaultyEngine.NO_RSYN_SENT_RCVD);
    assertTrue(r.violation().property().equals("liveness"), r.violation().toString());
  }

  @Test
  void implicitAcksFailTrapScenario() {
    ScenarioResult r = Scenarios.run("implicit-ack-trap", false,
        FaultyEngine.factory(FaultyEngine.IMPLICIT_ACKS));
    assertFalse(r.passed(), () -> ScenarioTest.explain(r));
  }

  @Test
  void implicitAcksCaughtByExplorer() {
    // The server's first IList update is acknowledged late, after its second one was lost.
    assertCaught(new ExploreConfig(1, 0, 2, 1, 0, 0, 1_000_000), FaultyEngine.IMPLICIT_ACKS);
  }

  @Test
  void uncomparedVersionsFailStaleRsynScenario() {
    ScenarioResult r = Scenarios.run("stale-rsyn", false,
        FaultyEngine.factory(FaultyEngine.VERSIONS_NOT_COMPARED));
    assertFalse(r.passed(), () -> ScenarioTest.explain(r));
  }

  @Test
  void uncomparedVersionsCaughtByExplorer() {
    // The client moves twice and the second RSYN overtakes the first.
    assertCaught(new ExploreConfig(1, 2, 0, 0, 0, 1, 1_000_000),
        FaultyEngine.VERSIONS_NOT_COMPARED);
  }
}
