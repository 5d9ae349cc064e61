package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class AddressFilterTest {
  @Test
  void any_takesRoutableIpv4Only() {
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("198.18.1.10")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("127.0.0.1")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("169.254.3.4")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("198.19.255.2")));
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("198.19.254.2")));
    assertTrue(AddressFilter.only(List.of(IpAddress.parse("198.19.255.2")))
        .accepts(IpAddress.parse("198.19.255.2")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("fd00::1")));
  }

  @Test
  void loopback_isTakenWhenAsked() {
    assertTrue(new AddressFilter(List.of(), true).accepts(IpAddress.parse("127.0.0.1")));
  }

  @Test
  void bind_rejectsIpv6() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AddressFilter.only(List.of(IpAddress.parse("fd00::1"))));
    assertTrue(e.getMessage().contains("IPv4 only"), e.getMessage());
  }
}
