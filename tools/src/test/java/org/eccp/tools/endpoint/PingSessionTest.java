package org.eccp.tools.endpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PingSessionTest {
  @Test
  void tooFewFlows_usesSingularForOneFlow() {
    String m = PingSession.tooFewFlows(1, 16);
    assertTrue(m.startsWith("only 1 flow is possible, not 16"), m);
    assertTrue(m.contains("add addresses"), m);
  }

  @Test
  void tooFewFlows_usesPluralForMoreFlows() {
    String m = PingSession.tooFewFlows(2, 4);
    assertTrue(m.startsWith("only 2 flows are possible, not 4"), m);
  }
}
