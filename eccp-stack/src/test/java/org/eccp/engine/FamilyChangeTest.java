package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

/**
 * A host that moves from an IPv4-only network to an IPv6-only one: its flow changes family and
 * follows the peer's IPv6 address from the peer's IList, and the peer replies from that address.
 */
class FamilyChangeTest {
  private static final IpAddress A6 = IpAddress.parse("fd00:0:18:2::10");
  private static final IpAddress B6 = IpAddress.parse("fd00:0:19:1::10");
  private static final IpAddress B6_OTHER = IpAddress.parse("fd00:0:19:2::10");

  /** Connects A (IPv4 only) to B (IPv4 and IPv6) over IPv4. */
  private static Wire established(long seed) {
    Wire w = new Wire(seed);
    w.connect(addrs(A1), addrs(B1, B6));
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    return w;
  }

  private static void assertEcho(Wire w) {
    int before = w.a.delivered.size();
    w.a.handle(w.now, new Event.SendEcho(w.a.onlyFlow().localFlowId(), new byte[] {4, 6}));
    w.settle();
    assertEquals(before + 1, w.a.delivered.size(), "the echo reply came back");
    assertEquals(NextProtocol.ECHO, w.a.delivered.get(before).nextProtocol());
  }

  private static void assertBothOnIpv6(Wire w) {
    assertEquals(A6, w.a.onlyFlow().localAddress(), "A's local");
    assertEquals(B6, w.a.onlyFlow().remoteAddress(), "A's remote: B's IList address");
    assertEquals(B6, w.b.onlyFlow().localAddress(), "B's local: where the RSYN arrived");
    assertEquals(A6, w.b.onlyFlow().remoteAddress(), "B's remote: the RSYN's NEW_ADDRESS");
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
  }

  @Test
  void addressLost_crossesToPeerFamily() {
    Wire w = established(61);
    w.a.handle(w.now, new Event.AddressAdded(2, A6));
    w.settle();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));

    Host.Sent rsyn = w.take(PacketType.RSYN);
    assertEquals(A6, rsyn.src());
    assertEquals(B6, rsyn.dst());
    w.deliver(rsyn);
    w.settle();

    assertBothOnIpv6(w);
    assertTrue(w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.FlowMigrated m
        && m.oldLocal().equals(B1) && m.newLocal().equals(B6) && m.newRemote().equals(A6)),
        "B reports that its own end moved too");
    assertEcho(w);
  }

  @Test
  void noAddress_crossesOnNewAddress() {
    Wire w = established(62);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    assertEquals(FlowState.NOADDRESS, w.a.onlyFlow().state());

    w.a.handle(w.now, new Event.AddressAdded(2, A6));
    w.settle();

    assertBothOnIpv6(w);
    assertEcho(w);
  }

  @Test
  void homeAddress_bringsFlowBack() {
    IpAddress a6First = IpAddress.parse("fd00:0:18:1::10");
    Wire w = new Wire(66);
    w.connect(addrs(a6First), addrs(B6, B1));
    w.settle();
    assertEquals(B6, w.a.onlyFlow().remoteAddress());

    // A lab move: every address goes, then IPv4 comes a moment before IPv6.
    w.a.handle(w.now, new Event.AddressRemoved(1, a6First));
    w.a.handle(w.now, new Event.AddressAdded(2, A1));
    assertEquals(A1, w.a.onlyFlow().localAddress(), "IPv4 first, for the moment");
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    w.a.handle(w.now, new Event.AddressAdded(2, A6));
    w.settle();

    assertBothOnIpv6(w);
    assertEcho(w);
  }

  @Test
  void homeAddress_leavesHomeFlow() {
    Wire w = established(67);
    int sentBefore = w.a.sent.size();
    w.a.handle(w.now, new Event.AddressAdded(2, IpAddress.parse("198.18.0.7")));

    assertEquals(A1, w.a.onlyFlow().localAddress());
    assertTrue(w.a.sent.stream().skip(sentBefore).noneMatch(p -> p.header().newAddress() != null),
        "no RSYN with NEW_ADDRESS, only the IList update");
  }

  @Test
  void addressLost_waitsWithoutPeerFamily() {
    Wire w = new Wire(63);
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.AddressAdded(2, A6));
    w.settle();

    w.a.handle(w.now, new Event.AddressRemoved(1, A1));

    assertEquals(FlowState.NOADDRESS, w.a.onlyFlow().state());
  }

  @Test
  void addressLost_takesPreferredPeerAddress() {
    Wire w = new Wire(64);
    w.connect(addrs(A1), addrs(B1, B6_OTHER, B6));
    w.settle();
    w.a.handle(w.now, new Event.AddressAdded(2, A6));
    w.settle();
    IpAddress preferred = w.a.engine.connection(w.a.onlyFlow().connectionId())
        .peerInterfaceList().entries().stream().filter(e -> e.address().isV6())
        .min(java.util.Comparator.comparingInt(
            org.eccp.wire.InterfaceList.Entry::preference))
        .orElseThrow().address();

    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.settle();

    assertEquals(preferred, w.a.onlyFlow().remoteAddress());
    assertEquals(preferred, w.b.onlyFlow().localAddress());
    assertEcho(w);
  }

  @Test
  void rsyn_wrongDestinationFamilyMovesNothing() {
    Wire w = established(65);
    w.a.handle(w.now, new Event.AddressAdded(2, A6));
    w.settle();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    Host.Sent rsyn = w.take(PacketType.RSYN);

    // The same RSYN, but reaching B at its IPv4 address: B has no IPv4 address for A6.
    w.b.handle(w.now, new Event.PacketIn(A1, B1, rsyn.header(), rsyn.payload()));

    assertEquals(B1, w.b.onlyFlow().localAddress());
    assertEquals(A1, w.b.onlyFlow().remoteAddress());
  }
}
