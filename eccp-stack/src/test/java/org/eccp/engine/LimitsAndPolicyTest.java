package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class LimitsAndPolicyTest {

  @Test
  void synFlood_boundedByHalfOpenLimit() {
    EngineConfig cfg = EngineConfig.defaults().withLimits(100_000, 64, 16);
    Host b = new Host("B", new Engine(cfg, new SeededEntropy(50), new PreferencePolicy()));
    b.handle(0, new Event.AddressAdded(1, B1));
    b.handle(0, new Event.Listen());
    for (int i = 1; i <= 1000; i++) {
      EccpPacket syn = new EccpPacket(PacketType.SYN, NextProtocol.NONE, i, 0, 0, i, 0,
          InterfaceList.EMPTY, null, 1000L + i, 0);
      b.handle(0, new Event.PacketIn(IpAddress.v4(0xC6120000 | i), B1, syn, null));
    }
    assertEquals(64, b.engine.flows().size());
    assertEquals(1000 - 64, b.engine.counters().get(Counter.LIMIT_HALF_OPEN));
    long now = 0;
    for (int i = 0; i < 20; i++) {
      now += cfg.maxRetransmitNanos();
      b.handle(now, new Event.Tick());
    }
    assertTrue(b.engine.flows().isEmpty());
    assertTrue(b.engine.connections().isEmpty());
    assertTrue(b.events.isEmpty(), "the user never heard of half-open connections");
  }

  @Test
  void flowsPerConnection_areBounded() {
    EngineConfig cfg = EngineConfig.defaults().withLimits(10, 10, 2);
    Host a = new Host("A", new Engine(cfg, new SeededEntropy(51), new PreferencePolicy()));
    Wire w = new Wire(a, new Host("B", 52));
    int conn = w.connect(addrs(A1, A2), addrs(B1, B2));
    w.settle();
    assertTrue(w.a.handle(w.now, new Event.AddFlow(conn, A2, B2)) != 0);
    assertEquals(0, w.a.handle(w.now, new Event.AddFlow(conn, A1, B2)));
    assertEquals(1, w.a.engine.counters().get(Counter.LIMIT_FLOWS_PER_CONNECTION));
  }

  @Test
  void responder_avoidsMeteredInterface() {
    var metered = new PreferencePolicy(Map.of(
        1, new PreferencePolicy.Traits(0, 10, true),
        2, new PreferencePolicy.Traits(1, 1, false)));
    Host b = new Host("B", new Engine(EngineConfig.defaults(), new SeededEntropy(53), metered));
    Wire w = new Wire(new Host("A", 54), b);
    w.connect(addrs(A1), addrs(B1, B2));
    w.settle();
    assertEquals(B2, w.b.onlyFlow().localAddress(), "B answered from its unmetered interface");
    assertEquals(B2, w.a.onlyFlow().remoteAddress(), "A follows the SYN-ACK's source");
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    InterfaceList advertised = w.a.engine.connections().iterator().next().peerInterfaceList();
    assertEquals(B1, advertised.entries().get(0).address(), "preference 0 first");
  }

  @Test
  void deliveryMux_routesByNextProtocol() {
    Wire w = new Wire(55);
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    List<byte[]> got = new ArrayList<>();
    DeliveryProtocol datagrams = new DeliveryProtocol() {
      @Override
      public int nextProtocol() {
        return NextProtocol.DATAGRAM;
      }

      @Override
      public void receive(int connectionId, int localFlowId, byte[] payload, FlowSender sender) {
        got.add(payload);
        sender.send(localFlowId, NextProtocol.DATAGRAM, new byte[] {99});
      }
    };
    List<Event.SendData> sends = new ArrayList<>();
    DeliveryMux mux = new DeliveryMux(w.b, (flow, np, payload) -> sends.add(
        new Event.SendData(flow, np, payload)));
    mux.attach(datagrams);
    w.a.handle(w.now, new Event.SendData(w.a.onlyFlow().localFlowId(), NextProtocol.DATAGRAM,
        new byte[] {1, 2, 3}));
    w.a.handle(w.now, new Event.SendData(w.a.onlyFlow().localFlowId(), NextProtocol.TCP_LITE,
        new byte[] {4}));
    for (Host.Sent p : w.a.takeSent()) {
      w.b.engine.handle(w.now, new Event.PacketIn(p.src(), p.dst(), p.header(), p.payload()), mux);
    }
    assertEquals(1, got.size());
    assertArrayEquals(new byte[] {1, 2, 3}, got.get(0));
    assertEquals(1, sends.size(), "the protocol answered through its sender");
    assertEquals(1, mux.unclaimed(), "tcp-lite had no protocol attached");
  }

  @Test
  void unknownNextProtocol_isCountedNotDelivered() {
    Wire w = new Wire(56);
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.SendData(w.a.onlyFlow().localFlowId(), 200, new byte[] {1}));
    w.settle();
    assertTrue(w.b.delivered.isEmpty());
    assertEquals(1, w.b.engine.counters().get(Counter.UNKNOWN_NEXT_PROTOCOL));
  }

  @Test
  void flowIds_zeroAndTakenAreRedrawn() {
    int[] ints = {100, 7, 200, 0, 7, 9};
    EntropySource scripted = new EntropySource() {
      private int next;
      private long nonce = 1;

      @Override
      public int nextInt() {
        return ints[next++];
      }

      @Override
      public long nextLong() {
        return nonce++;
      }

      @Override
      public EntropySource copy() {
        return this;
      }
    };
    Host a = new Host("A", new Engine(EngineConfig.defaults(), scripted, new PreferencePolicy()));
    a.handle(0, new Event.AddressAdded(1, A1));
    a.handle(0, new Event.Connect(A1, B1));
    a.handle(0, new Event.Connect(A1, B2));
    assertEquals(List.of(7, 9), a.engine.flows().stream().map(FlowView::localFlowId).toList());
    assertEquals(2, a.engine.counters().get(Counter.FLOWID_REDRAWS));
  }
}
