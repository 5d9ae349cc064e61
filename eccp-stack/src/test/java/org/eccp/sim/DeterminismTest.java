package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DeterminismTest {

  @Test
  void sameSeedGivesSameTrace() {
    RunConfig cfg = new RunConfig(7, 0.2, 0.1, 0.3, 10, 2, true);
    RunResult a = RandomRun.run(cfg);
    RunResult b = RandomRun.run(cfg);
    assertEquals(a.trace(), b.trace());
    assertEquals(a.events(), b.events());
  }

  @Test
  void otherSeedGivesOtherTrace() {
    RunResult a = RandomRun.run(new RunConfig(7, 0.2, 0.1, 0.3, 10, 2, true));
    RunResult b = RandomRun.run(new RunConfig(8, 0.2, 0.1, 0.3, 10, 2, true));
    assertNotEquals(a.trace(), b.trace());
  }

  @Test
  void scenarioReplaysExactly() {
    ScenarioResult a = Scenarios.run("crossing-migrations", true);
    ScenarioResult b = Scenarios.run("crossing-migrations", true);
    assertEquals(a.trace(), b.trace());
  }
}
