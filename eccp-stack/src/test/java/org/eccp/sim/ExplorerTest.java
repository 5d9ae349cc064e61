package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExplorerTest {

  static String explain(ExploreResult r) {
    StringBuilder sb = new StringBuilder("states=" + r.states() + " depth=" + r.maxDepth()
        + " complete=" + r.complete() + " violation=" + r.violation() + "\n");
    r.trace().forEach(t -> sb.append("  ").append(t).append('\n'));
    return sb.toString();
  }

  @Test
  void realEngineKeepsEveryPropertyWithOneMigration() {
    ExploreResult r = Explorer.run(new ExploreConfig(1, 1, 1, 1, 1, 1, 2_000_000));
    System.out.println(explain(r) + " in " + r.millis() + " ms");
    assertTrue(r.passed(), () -> explain(r));
    assertTrue(r.complete(), () -> explain(r));
    assertTrue(r.goalStates() > 0, () -> explain(r));
  }
}
