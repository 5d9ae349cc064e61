package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.A3;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class MigrationTest {
  private static final long RTO = EngineConfig.defaults().initialRetransmitNanos();

  private static Wire established(long seed, org.eccp.wire.IpAddress[] a,
      org.eccp.wire.IpAddress[] b) {
    Wire w = new Wire(seed);
    w.connect(a, b);
    w.settle();
    return w;
  }

  @Test
  void migration_peerFollowsNewAddress() {
    Wire w = established(20, addrs(A1, A2), addrs(B1));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    assertEquals(A2, w.a.onlyFlow().localAddress());
    w.deliver(w.take(PacketType.RSYN));
    assertEquals(FlowState.RSYN_RCVD, w.b.onlyFlow().state());
    assertEquals(A2, w.b.onlyFlow().remoteAddress());
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertTrue(w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.FlowMigrated m
        && m.newRemote().equals(A2) && m.oldRemote().equals(A1)));
  }

  @Test
  void interfaceDown_movesFlowsToAnotherInterface() {
    Wire w = established(21, addrs(A1, A2), addrs(B1));
    w.a.handle(w.now, new Event.InterfaceDown(1));
    w.settle();
    assertEquals(A2, w.a.onlyFlow().localAddress());
    assertEquals(A2, w.b.onlyFlow().remoteAddress());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
  }

  @Test
  void staleRsyn_lateA2Ignored() {
    Wire w = established(22, addrs(A1, A2, A3), addrs(B1));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    Host.Sent toA2 = w.take(PacketType.RSYN);
    w.a.handle(w.now, new Event.AddressRemoved(2, A2));
    Host.Sent toA3 = w.take(PacketType.RSYN);
    assertTrue(Versions.isNewer(toA3.header().version(), toA2.header().version()));
    w.deliver(toA3);
    w.settle();
    assertEquals(A3, w.b.onlyFlow().remoteAddress());
    w.deliver(toA2);
    w.settle();
    assertEquals(A3, w.b.onlyFlow().remoteAddress());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertEquals(1, w.b.engine.counters().get(Counter.STALE_VERSION));
  }

  @Test
  void figure5Trap_delayedAckIgnored() {
    Wire w = established(23, addrs(A1, A2, A3), addrs(B1));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.deliver(w.take(PacketType.RSYN));
    Host.Sent ackOfV1 = w.take(PacketType.RSYN_ACK);
    w.a.handle(w.now, new Event.AddressRemoved(2, A2));
    w.take(PacketType.RSYN); // the RSYN for A3 is lost
    // The old RSYN-ACK arrives late, at the new address: with implicit acks A would stop here.
    w.a.handle(w.now, new Event.PacketIn(B1, A3, ackOfV1.header(), null));
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    assertEquals(1, w.a.engine.counters().get(Counter.STALE_ACK));
    // Data from B (which still believes A is at A2) acknowledges nothing either.
    w.b.handle(w.now, new Event.SendData(w.b.onlyFlow().localFlowId(), NextProtocol.DATAGRAM,
        new byte[] {1}));
    Host.Sent data = w.take(PacketType.DATA);
    w.a.handle(w.now, new Event.PacketIn(B1, A3, data.header(), data.payload()));
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    w.advance(RTO);
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(A3, w.b.onlyFlow().remoteAddress());
  }

  @Test
  void crossingMigrations_converge() {
    Wire w = established(24, addrs(A1, A2), addrs(B1, B2));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.deliver(w.take(PacketType.RSYN));
    Host.Sent ackForA = w.take(PacketType.RSYN_ACK);
    w.b.handle(w.now, new Event.AddressRemoved(1, B1));
    assertEquals(FlowState.RSYN_SENT_RCVD, w.b.onlyFlow().state());
    w.deliver(w.take(PacketType.RSYN));
    assertEquals(FlowState.RSYN_SENT_RCVD, w.a.onlyFlow().state());
    w.deliver(ackForA);
    assertEquals(FlowState.RSYN_RCVD, w.a.onlyFlow().state());
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertEquals(B2, w.a.onlyFlow().remoteAddress());
    assertEquals(A2, w.b.onlyFlow().remoteAddress());
  }

  @Test
  void noAddress_resumesOnNewAddress() {
    Wire w = established(25, addrs(A1), addrs(B1));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    assertEquals(FlowState.NOADDRESS, w.a.onlyFlow().state());
    assertNull(w.a.onlyFlow().localAddress());
    w.advance(5_000_000_000L);
    w.a.handle(w.now, new Event.AddressAdded(2, A2));
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(A2, w.b.onlyFlow().remoteAddress());
  }

  @Test
  void noAddress_failsAfterThePatience() {
    Wire w = established(26, addrs(A1), addrs(B1));
    int conn = w.a.engine.connections().iterator().next().id();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.advance(EngineConfig.defaults().noAddressPatienceNanos());
    assertTrue(w.a.engine.flows().isEmpty());
    assertTrue(w.a.events.contains(
        new ConnectionEvent.Failed(conn, FailureReason.NO_ADDRESS_TIMEOUT)));
  }

  @Test
  void addressAdded_sendsIListOnlyRsyn() {
    Wire w = established(27, addrs(A1), addrs(B1));
    w.a.handle(w.now, new Event.AddressAdded(2, A2));
    Host.Sent rsyn = w.take(PacketType.RSYN);
    assertNull(rsyn.header().newAddress());
    w.deliver(rsyn);
    w.settle();
    ConnectionView cb = w.b.engine.connections().iterator().next();
    assertEquals(2, cb.peerInterfaceList().entries().size());
    assertEquals(A1, w.b.onlyFlow().remoteAddress());
  }

  @Test
  void dataKeepsFlowingDuringMigration() {
    Wire w = established(28, addrs(A1, A2), addrs(B1));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.take(PacketType.RSYN); // held: the migration is not finished
    w.a.handle(w.now, new Event.SendData(w.a.onlyFlow().localFlowId(), NextProtocol.DATAGRAM,
        new byte[] {5}));
    w.deliver(w.take(PacketType.DATA));
    assertEquals(1, w.b.delivered.size());
    assertEquals(A1, w.b.onlyFlow().remoteAddress(), "data moves no address");
  }

  @Test
  void versionWraparound_near2To32_keepsMigrationsNewer() {
    EntropySource nearWrap = new EntropySource() {
      private final SeededEntropy inner = new SeededEntropy(29);
      private boolean first = true;

      @Override
      public int nextInt() {
        if (first) {
          first = false;
          return 0xFFFFFFFE;
        }
        return inner.nextInt();
      }

      @Override
      public long nextLong() {
        return inner.nextLong();
      }

      @Override
      public EntropySource copy() {
        return this;
      }
    };
    Host a = new Host("A", new Engine(EngineConfig.defaults(), nearWrap, new PreferencePolicy()));
    Wire w = new Wire(a, new Host("B", 30));
    w.connect(addrs(A1, A2), addrs(B1));
    w.settle();
    for (int i = 0; i < 4; i++) {
      org.eccp.wire.IpAddress current = w.a.onlyFlow().localAddress();
      int ifIndex = current.equals(A1) ? 1 : 2;
      w.a.handle(w.now, new Event.AddressRemoved(ifIndex, current));
      w.settle();
      w.a.handle(w.now, new Event.AddressAdded(ifIndex, current));
      w.settle();
      assertEquals(w.a.onlyFlow().localAddress(), w.b.onlyFlow().remoteAddress());
      assertEquals(w.a.engine.connections().iterator().next().localVersion(),
          w.b.onlyFlow().peerVersion());
    }
    assertTrue(Integer.compareUnsigned(w.b.onlyFlow().peerVersion(), 100) < 0, "wrapped past 0");
    assertEquals(0, w.b.engine.counters().get(Counter.STALE_VERSION));
  }

  @Test
  void wrongNonce_isDroppedAndChangesNothing() {
    Wire w = established(31, addrs(A1, A2), addrs(B1));
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    Host.Sent rsyn = w.take(PacketType.RSYN);
    var h = rsyn.header();
    var forged = new org.eccp.wire.EccpPacket(h.type(), h.nextProtocol(), h.senderFlowId(),
        h.receiverFlowId(), h.nonce() ^ 1, h.version(), h.ackVersion(), h.interfaceList(),
        h.newAddress(), h.senderNonce(), h.join());
    w.b.handle(w.now, new Event.PacketIn(A2, B1, forged, null));
    assertEquals(1, w.b.engine.counters().get(Counter.BAD_NONCE));
    assertEquals(A1, w.b.onlyFlow().remoteAddress());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertTrue(w.b.sent.isEmpty());
  }

  @Test
  void unknownFlowId_getsRateLimitedRst() {
    Wire w = established(32, addrs(A1), addrs(B1));
    var h = new org.eccp.wire.EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM, 77, 12345, 99,
        0, 0, null, null, 0, 0);
    for (int i = 0; i < 1000; i++) {
      w.b.handle(w.now, new Event.PacketIn(A1, B1, h, new byte[] {1}));
    }
    assertEquals(1000, w.b.engine.counters().get(Counter.UNKNOWN_FLOWID));
    long rsts = w.b.engine.counters().get(Counter.RST_SENT);
    assertEquals(EngineConfig.defaults().rstBurst(), rsts);
    Host.Sent rst = w.b.sent.get(0);
    assertEquals(PacketType.RST, rst.header().type());
    assertEquals(77, rst.header().receiverFlowId());
    assertEquals(99, rst.header().nonce());
    assertTrue(w.b.delivered.isEmpty());
  }

  @Test
  void forgottenFlow_resetByPeer() {
    Wire w = established(33, addrs(A1), addrs(B1));
    int conn = w.a.engine.connections().iterator().next().id();
    Host fresh = new Host("B'", 34);
    fresh.handle(w.now, new Event.AddressAdded(1, B1));
    Wire w2 = new Wire(w.a, fresh);
    w2.now = w.now;
    w.a.handle(w.now, new Event.SendEcho(w.a.onlyFlow().localFlowId(), new byte[0]));
    w2.settle();
    assertTrue(w.a.engine.flows().isEmpty());
    assertTrue(w.a.events.contains(new ConnectionEvent.Failed(conn, FailureReason.RESET_BY_PEER)));
  }

  @Test
  void oneFlowFails_connectionKeepsTheOther() {
    Wire w = established(35, addrs(A1, A2, A3), addrs(B1, B2));
    int conn = w.a.engine.connections().iterator().next().id();
    int first = w.a.onlyFlow().localFlowId();
    int second = (int) w.a.handle(w.now, new Event.AddFlow(conn, A2, B2));
    w.settle();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    for (int i = 0; i < 20; i++) {
      w.dropAll();
      w.advance(EngineConfig.defaults().maxRetransmitNanos());
    }
    assertTrue(w.a.events.contains(
        new ConnectionEvent.FlowFailed(conn, first, FailureReason.MIGRATION_TIMEOUT)));
    assertEquals(ConnectionState.ESTABLISHED, w.a.engine.connection(conn).state());
    assertEquals(1, w.a.engine.flows().size());
    w.a.handle(w.now, new Event.SendEcho(second, new byte[] {1}));
    w.settle();
    assertEquals(1, w.a.delivered.size(), "the other flow still carries echoes");
  }
}
