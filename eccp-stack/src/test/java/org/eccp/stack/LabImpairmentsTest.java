package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.eccp.link.LabMembership;
import org.eccp.netlink.NetlinkEvent;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class LabImpairmentsTest {
  private static final IpAddress A = IpAddress.parse("198.18.1.10");
  private static final IpAddress A6 = IpAddress.parse("fd00:0:18:1::10");
  private static final IpAddress B = IpAddress.parse("198.18.2.10");
  private static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");

  private final LabImpairments networks = new LabImpairments(
      new LabMembership("eccpt-ab12", "eccpt-ab12-client", Path.of("/nonexistent")), () -> 0);

  @Test
  void address_takesInterfaceNetwork() {
    networks.apply(new NetlinkEvent.LinkChanged(1, "lo", true, true));
    networks.apply(new NetlinkEvent.LinkChanged(2, "a0", true, true));
    networks.apply(new NetlinkEvent.LinkChanged(3, "b0", true, true));
    networks.apply(new NetlinkEvent.AddressAdded(1, LOOPBACK, 8));
    networks.apply(new NetlinkEvent.AddressAdded(2, A, 24));
    networks.apply(new NetlinkEvent.AddressAdded(2, A6, 64));
    networks.apply(new NetlinkEvent.AddressAdded(3, B, 24));

    assertEquals("net-a", networks.networkOf(A));
    assertEquals("net-a", networks.networkOf(A6));
    assertEquals("net-b", networks.networkOf(B));
    assertNull(networks.networkOf(LOOPBACK));
    assertSame(networks.of(A), networks.of(A6), "one impairment per network");
    assertEquals(Path.of("/nonexistent/eccpt-ab12/impair/net-a.properties"),
        networks.of(A).file().path());
  }

  @Test
  void removal_forgetsNetwork() {
    networks.apply(new NetlinkEvent.LinkChanged(2, "a0", true, true));
    networks.apply(new NetlinkEvent.LinkChanged(3, "b0", true, true));
    networks.apply(new NetlinkEvent.AddressAdded(2, A, 24));
    networks.apply(new NetlinkEvent.AddressAdded(3, B, 24));

    networks.apply(new NetlinkEvent.AddressRemoved(2, A, 24));
    networks.apply(new NetlinkEvent.LinkRemoved(3, "b0"));

    assertNull(networks.networkOf(A));
    assertNull(networks.networkOf(B));
  }

  @Test
  void addressBeforeInterface_getsNetworkLater() {
    networks.apply(new NetlinkEvent.AddressAdded(2, A, 24));
    assertNull(networks.networkOf(A));

    networks.apply(new NetlinkEvent.LinkChanged(2, "a0", true, true));

    assertEquals("net-a", networks.networkOf(A));
  }
}
