package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {

  static Stream<String> names() {
    return Scenarios.list().stream().map(Scenarios.Info::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void scenarioMeetsItsExpectation(String name) {
    ScenarioResult r = Scenarios.run(name, false);
    assertTrue(r.passed(), () -> explain(r));
  }

  static String explain(ScenarioResult r) {
    StringBuilder sb = new StringBuilder("scenario " + r.name() + " failed; expected: "
        + r.expected() + "\nchecks:\n");
    r.checks().forEach(c -> sb.append("  ").append(c).append('\n'));
    r.violations().forEach(v -> sb.append("violation: ").append(v).append('\n'));
    sb.append("story:\n");
    r.story().forEach(s -> sb.append("  ").append(s).append('\n'));
    sb.append("last trace lines:\n");
    r.trace().forEach(s -> sb.append("  ").append(s).append('\n'));
    sb.append("replay: tools/eccp simulate --scenario ").append(r.name()).append(" --trace");
    return sb.toString();
  }
}
