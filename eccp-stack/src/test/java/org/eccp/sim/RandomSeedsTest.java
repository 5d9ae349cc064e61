package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random runs under 20% loss, 10% duplication, 30% reordering and up to 10 migrations.
 * {@code -Deccp.sim.seeds=N} sets the number of seeds (default 10,000) and
 * {@code -Deccp.sim.firstSeed=S} the first one.
 */
class RandomSeedsTest {

  @Test
  void randomRunsKeepEveryProperty() {
    long seeds = Long.getLong("eccp.sim.seeds", 10_000);
    long first = Long.getLong("eccp.sim.firstSeed", 1);
    RunConfig base = new RunConfig(first, 0.2, 0.1, 0.3, 10, 2, false);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (long s = first; s < first + seeds; s++) {
      RunConfig cfg = base.withSeed(s, false);
      RunResult r = RandomRun.run(cfg);
      if (!r.passed()) {
        String line = "seed " + s + ": " + r.violations().get(0) + "\n  replay: "
            + cfg.replayCommand();
        System.out.println("FAILED " + line);
        failures.add(line);
        if (failures.size() >= 20) {
          break;
        }
      }
    }
    System.out.printf("%d seeds in %.1f s%n", seeds, (System.nanoTime() - start) / 1e9);
    assertEquals(List.of(), failures, "failing seeds (replay each with the command shown)");
  }
}
