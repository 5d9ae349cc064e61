package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class HandshakeTest {

  @Test
  void handshake_establishesMatchingFlows() {
    Wire w = new Wire(1);
    int conn = w.connect(addrs(A1), addrs(B1));
    assertTrue(conn > 0);
    w.settle();
    FlowView fa = w.a.onlyFlow();
    FlowView fb = w.b.onlyFlow();
    assertEquals(FlowState.ESTABLISHED, fa.state());
    assertEquals(FlowState.ESTABLISHED, fb.state());
    assertEquals(fa.localFlowId(), fb.remoteFlowId());
    assertEquals(fb.localFlowId(), fa.remoteFlowId());
    assertEquals(fa.localNonce(), fb.remoteNonce());
    assertEquals(fb.localNonce(), fa.remoteNonce());
    assertEquals(B1, fa.remoteAddress());
    assertEquals(A1, fb.remoteAddress());
    assertEquals(new ConnectionEvent.Established(conn, fa.localFlowId()), w.a.events.get(0));
    assertEquals(ConnectionState.ESTABLISHED, w.b.engine.connections().iterator().next().state());
  }

  @Test
  void handshake_exchangesILists() {
    Wire w = new Wire(2);
    w.connect(addrs(A1, A2), addrs(B1, B2));
    w.settle();
    ConnectionView ca = w.a.engine.connections().iterator().next();
    ConnectionView cb = w.b.engine.connections().iterator().next();
    assertEquals(2, ca.peerInterfaceList().entries().size());
    assertEquals(2, cb.peerInterfaceList().entries().size());
    assertEquals(B1, ca.peerInterfaceList().entries().get(0).address());
  }

  @Test
  void handshake_survivesLostSynAckByRetransmission() {
    Wire w = new Wire(3);
    w.connect(addrs(A1), addrs(B1));
    w.deliver(w.take(PacketType.SYN));
    w.take(PacketType.SYN_ACK);
    w.advance(EngineConfig.defaults().initialRetransmitNanos());
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertTrue(w.a.engine.counters().get(Counter.RETRANSMISSIONS)
        + w.b.engine.counters().get(Counter.RETRANSMISSIONS) >= 1);
  }

  @Test
  void handshake_repairsLostFinalAck() {
    Wire w = new Wire(4);
    w.connect(addrs(A1), addrs(B1));
    w.deliver(w.take(PacketType.SYN));
    w.deliver(w.take(PacketType.SYN_ACK));
    w.take(PacketType.ACK);
    assertEquals(FlowState.SYN_RCVD, w.b.onlyFlow().state());
    w.advance(EngineConfig.defaults().initialRetransmitNanos());
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
  }

  @Test
  void handshake_timesOutWithoutReply() {
    Wire w = new Wire(5);
    int conn = w.connect(addrs(A1), addrs(B1));
    for (int i = 0; i < 20; i++) {
      w.dropAll();
      w.advance(EngineConfig.defaults().maxRetransmitNanos());
    }
    assertTrue(w.a.engine.flows().isEmpty());
    assertTrue(w.a.events.contains(new ConnectionEvent.Failed(conn, FailureReason.HANDSHAKE_TIMEOUT)));
  }

  @Test
  void syn_notListening_getsRst() {
    Wire w = new Wire(6);
    w.a.handle(w.now, new Event.AddressAdded(1, A1));
    w.b.handle(w.now, new Event.AddressAdded(1, B1));
    int conn = (int) w.a.handle(w.now, new Event.Connect(A1, B1));
    w.settle();
    assertTrue(w.a.events.contains(new ConnectionEvent.Failed(conn, FailureReason.REFUSED)));
    assertEquals(1, w.b.engine.counters().get(Counter.NOT_LISTENING));
  }

  @Test
  void echo_isAnsweredOnTheSameFlow() {
    Wire w = new Wire(7);
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    int flow = w.a.onlyFlow().localFlowId();
    assertEquals(1, w.a.handle(w.now, new Event.SendEcho(flow, new byte[] {9, 8, 7})));
    w.settle();
    assertEquals(1, w.a.delivered.size());
    Host.Delivered d = w.a.delivered.get(0);
    assertEquals(NextProtocol.ECHO, d.nextProtocol());
    assertEquals(flow, d.flowId());
    assertArrayEquals(new byte[] {9, 8, 7}, d.payload());
  }

  @Test
  void data_isDeliveredToTheNextProtocol() {
    Wire w = new Wire(8);
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.SendData(w.a.onlyFlow().localFlowId(), NextProtocol.DATAGRAM,
        new byte[] {1, 2}));
    w.settle();
    assertEquals(1, w.b.delivered.size());
    assertEquals(NextProtocol.DATAGRAM, w.b.delivered.get(0).nextProtocol());
  }

  @Test
  void addFlow_joinsTheConnectionOnOtherAddresses() {
    Wire w = new Wire(9);
    int conn = w.connect(addrs(A1, A2), addrs(B1, B2));
    w.settle();
    long flow = w.a.handle(w.now, new Event.AddFlow(conn, A2, B2));
    assertNotEquals(0, flow);
    w.settle();
    assertEquals(2, w.a.engine.flows().size());
    assertEquals(2, w.b.engine.flows().size());
    assertEquals(1, w.b.engine.connections().size());
    for (FlowView f : w.b.engine.flows()) {
      assertEquals(FlowState.ESTABLISHED, f.state());
    }
    assertTrue(w.a.events.contains(new ConnectionEvent.FlowAdded(conn, (int) flow)));
  }

  @Test
  void close_finExchangeClosesBothSides() {
    Wire w = new Wire(10);
    int conn = w.connect(addrs(A1), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.Close(conn));
    w.settle();
    assertEquals(FlowState.TIME_WAIT, w.a.onlyFlow().state());
    assertTrue(w.b.engine.flows().isEmpty());
    w.advance(EngineConfig.defaults().timeWaitNanos());
    assertTrue(w.a.engine.flows().isEmpty());
    assertTrue(w.a.events.contains(new ConnectionEvent.Closed(conn)));
    assertTrue(w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.Closed));
  }

  @Test
  void simultaneousClose_bothEndClosed() {
    Wire w = new Wire(11);
    int conn = w.connect(addrs(A1), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.Close(conn));
    w.b.handle(w.now, new Event.Close(w.b.onlyFlow().connectionId()));
    w.settle();
    assertEquals(FlowState.TIME_WAIT, w.a.onlyFlow().state());
    assertEquals(FlowState.TIME_WAIT, w.b.onlyFlow().state());
    w.advance(EngineConfig.defaults().timeWaitNanos());
    assertTrue(w.a.engine.flows().isEmpty());
    assertTrue(w.b.engine.flows().isEmpty());
    assertTrue(w.a.events.contains(new ConnectionEvent.Closed(conn)));
  }

  @Test
  void moveBeforeFinalAck_responderTakesRsyn() {
    Wire w = new Wire(12);
    w.connect(addrs(A1, A2), addrs(B1));
    w.deliver(w.take(PacketType.SYN));
    w.deliver(w.take(PacketType.SYN_ACK));
    w.take(PacketType.ACK);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.deliver(w.take(PacketType.RSYN));
    assertEquals(FlowState.RSYN_RCVD, w.b.onlyFlow().state());
    assertTrue(w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.Established));
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertEquals(A2, w.b.onlyFlow().remoteAddress());
  }
}
