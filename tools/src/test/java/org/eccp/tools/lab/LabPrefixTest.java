package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabPrefixTest {

  @Test
  void validPrefixes() {
    for (String good : new String[] {"eccp-", "eccpt-ab12-", "x-", "lab2-"}) {
      assertTrue(LabPrefix.isValid(good), good);
    }
    for (String bad : new String[] {"eccp", "-eccp-", "Eccp-", "eccp--", "ec cp-", "eccp_x-", "", "a".repeat(40) + "-"}) {
      assertFalse(LabPrefix.isValid(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new LabPrefix("eccp"));
  }

  @Test
  void labNameDropsFinalDash() {
    assertEquals("eccpt-ab12", new LabPrefix("eccpt-ab12-").labName());
    assertEquals("eccpt-ab12-router", new LabPrefix("eccpt-ab12-").namespace("router"));
  }

  @Test
  void ownsOnlyItsOwnNamespaces() {
    LabPrefix prefix = new LabPrefix("eccp-");
    assertTrue(prefix.owns("eccp-client"));
    assertTrue(prefix.owns("eccp-router"));
    assertFalse(prefix.owns("eccp-x-client"), "belongs to the lab eccp-x-");
    assertFalse(prefix.owns("eccpt-ab12-client"));
    assertFalse(prefix.owns("eccp-"));
    assertFalse(prefix.owns("client"));
  }
}
