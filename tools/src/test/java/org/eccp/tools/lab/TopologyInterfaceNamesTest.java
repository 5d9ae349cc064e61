package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eccp.link.LabMembership;
import org.junit.jupiter.api.Test;

/** The live stack finds a lab network from its host interface's name: the two must agree. */
class TopologyInterfaceNamesTest {
  @Test
  void hostInterface_namesItsNetwork() {
    for (Topology t : Topology.builtIn()) {
      for (Network n : t.networks()) {
        assertEquals(n.name(), LabMembership.networkOf(n.hostInterface()),
            "topology " + t.name() + ", interface " + n.hostInterface());
        assertEquals(null, LabMembership.networkOf(n.routerInterface()),
            "router interface " + n.routerInterface());
      }
    }
  }
}
