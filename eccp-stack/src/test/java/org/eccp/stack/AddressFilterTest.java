package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class AddressFilterTest {
  @Test
  void any_takesRoutableIpv4() {
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("198.18.1.10")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("127.0.0.1")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("169.254.3.4")));
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("198.19.255.2")));
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("198.19.254.2")));
    assertTrue(AddressFilter.only(List.of(IpAddress.parse("198.19.255.2")))
        .accepts(IpAddress.parse("198.19.255.2")));
  }

  @Test
  void any_takesRoutableIpv6() {
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("fd00:0:18:1::10")), "unique local");
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("2001:db8::1")), "global");
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("fe80::1")), "link-local");
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("febf::1")), "link-local, last /10");
    assertTrue(AddressFilter.ANY.accepts(IpAddress.parse("fec0::1")), "past fe80::/10");
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("::1")), "loopback");
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("::")), "unspecified");
    assertFalse(AddressFilter.ANY.accepts(IpAddress.parse("ff02::1")), "multicast");
    assertFalse(AddressFilter.ANY.accepts(IpAddress.v6(0, 0xffff_c612_0101L)), "IPv4-mapped");
  }

  @Test
  void loopback_isTakenWhenAsked() {
    assertTrue(new AddressFilter(List.of(), true).accepts(IpAddress.parse("127.0.0.1")));
    assertTrue(new AddressFilter(List.of(), true).accepts(IpAddress.parse("::1")));
  }

  @Test
  void bind_takesIpv6() {
    AddressFilter f = AddressFilter.only(List.of(IpAddress.parse("fd00::1")));

    assertTrue(f.accepts(IpAddress.parse("fd00::1")));
    assertFalse(f.accepts(IpAddress.parse("fd00::2")));
  }

  @Test
  void ipv4Only_rejectsIpv6() {
    AddressFilter f = AddressFilter.ANY.excluding(List.of(IpAddress.parse("198.18.1.1")))
        .withIpv4Only();

    assertTrue(f.accepts(IpAddress.parse("198.18.1.10")));
    assertFalse(f.accepts(IpAddress.parse("198.18.1.1")), "still excluded");
    assertFalse(f.accepts(IpAddress.parse("fd00:0:18:1::10")));
  }

  @Test
  void bind_rejectsLinkLocal() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AddressFilter.only(List.of(IpAddress.parse("fe80::1"))));
    assertTrue(e.getMessage().contains("link-local"), e.getMessage());
  }
}
