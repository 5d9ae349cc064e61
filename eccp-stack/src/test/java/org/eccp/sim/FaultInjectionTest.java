package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

  /**
   * Seeded random runs catch an injected bug too, and a failing seed replays: run again, it fails
   * with the same violation and the same trace. Prints the failure as {@code eccp simulate} does;
   * docs/simulator.md shows it. {@code -Deccp.sim.faultSeed=S} starts the search at seed S.
   */
  @Test
  void randomRunsCatchAnInjectedBugAndItReplays() {
    long first = Long.getLong("eccp.sim.faultSeed", 1);
    EngineFactory faulty = FaultyEngine.factory(FaultyEngine.VERSIONS_NOT_COMPARED);
    RunConfig base = new RunConfig(first, 0.2, 0.1, 0.3, 10, 2, false);
    RunResult failed = null;
    for (long seed = first; seed < first + 500 && failed == null; seed++) {
      RunResult r = RandomRun.run(base.withSeed(seed, true), faulty);
      failed = r.passed() ? null : r;
    }
    assertNotNull(failed, "seeds " + first + ".." + (first + 499) + " missed the injected bug");
    RunResult again = RandomRun.run(failed.config(), faulty);
    assertEquals(failed.violations(), again.violations(), "seed " + failed.config().seed());
    assertEquals(failed.trace(), again.trace(), "seed " + failed.config().seed());
    assertTrue(RandomRun.run(failed.config()).passed(),
        "the real engine fails seed " + failed.config().seed());
    System.out.println("FAILED seed " + failed.config().seed() + ": " + failed.violations().get(0));
    System.out.println("  replay: " + failed.config().replayCommand());
    List<String> trace = failed.trace();
    trace.subList(Math.max(0, trace.size() - 12), trace.size())
        .forEach(line -> System.out.println("  | " + line));
  }
}
