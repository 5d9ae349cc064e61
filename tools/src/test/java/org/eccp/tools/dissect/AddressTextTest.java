package org.eccp.tools.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {
  private static String format(String literal) {
    return AddressText.format(IpAddress.parse(literal));
  }

  @Test
  void ipv6_usesRfc5952Form() {
    assertEquals("::", format("0:0:0:0:0:0:0:0"));
    assertEquals("::1", format("0:0:0:0:0:0:0:1"));
    assertEquals("fd00::1", format("fd00:0:0:0:0:0:0:1"));
    assertEquals("fd00::", format("fd00:0:0:0:0:0:0:0"));
    assertEquals("2001:db8::1:0:0:1", format("2001:db8:0:0:1:0:0:1"));
    assertEquals("1:0:0:2::3", format("1:0:0:2:0:0:0:3"));
    assertEquals("2001:db8:0:1:1:1:1:1", format("2001:db8:0:1:1:1:1:1"));
    assertEquals("fd00:abcd:ef01:2345:6789:abcd:ef01:2345",
        format("FD00:ABCD:EF01:2345:6789:ABCD:EF01:2345"));
  }

  @Test
  void ipv4_isDotted() {
    assertEquals("198.18.0.1", format("198.18.0.1"));
  }
}
