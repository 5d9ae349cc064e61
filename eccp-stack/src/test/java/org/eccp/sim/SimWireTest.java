package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eccp.engine.Counter;
import org.eccp.engine.Event;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class SimWireTest {
  private static final IpAddress HOST = SimNetwork.address(1, 10);
  private static final IpAddress PEER = SimNetwork.address(100, 10);
  private static final EccpPacket DATA =
      new EccpPacket(PacketType.DATA, NextProtocol.ECHO, 1, 2, 3L, 0, 0, null, null, 0, 0);

  @Test
  void sentBytes_parseBack() {
    List<byte[]> sent = new ArrayList<>();
    SimWire wire = new SimWire((src, dst, bytes) -> sent.add(bytes));
    byte[] payload = {9, 8, 7};

    wire.send(HOST, PEER, DATA, payload);
    Event.PacketIn in = wire.receive(HOST, PEER, sent.get(0));

    assertNotNull(in);
    assertEquals(DATA, in.header());
    assertArrayEquals(payload, in.payload());
    assertEquals(HOST, in.src());
    assertEquals(PEER, in.dst());
    assertArrayEquals(sent.get(0), wire.encode(DATA, payload));
  }

  @Test
  void invalidBytes_neverReachEngine() {
    Simulation sim = new Simulation(1, true);
    SimHost host = sim.addHost("host");
    host.addAddress(0, HOST);
    byte[] junk = {0x70, 0, 0, 1, 0, 0, 0, 0};

    sim.network().inject(sim, new Datagram(sim.network().newPacketId(), PEER, HOST, DATA,
        new byte[0], 0, junk));
    sim.runUntil(1_000_000_000L);

    assertEquals(0, host.engine().counters().get(Counter.PACKETS_IN));
    assertTrue(sim.trace().lines().stream().anyMatch(l -> l.contains("host drops invalid #")),
        String.join("\n", sim.trace().lines()));
  }

  @Test
  void injectedValue_isEncoded() {
    Simulation sim = new Simulation(1, true);
    SimHost host = sim.addHost("host");
    host.addAddress(0, HOST);

    sim.network().inject(sim, new Datagram(sim.network().newPacketId(), PEER, HOST, DATA,
        new byte[0], 0));
    sim.runUntil(1_000_000_000L);

    assertEquals(1, host.engine().counters().get(Counter.PACKETS_IN));
  }

  @Test
  void invalidBytes_giveNoEvent() {
    SimWire wire = new SimWire((src, dst, bytes) -> { });

    assertNull(wire.receive(PEER, HOST, new byte[] {1, 2, 3}));
    assertNotNull(wire.lastProblem());
  }
}
