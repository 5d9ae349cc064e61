package org.eccp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private static final IpAddress OLD = SimNetwork.address(1, 10);
  private static final IpAddress NEW = SimNetwork.address(2, 10);
  private static final IpAddress PEER = SimNetwork.address(100, 10);

  private static Datagram packet(Simulation sim, PacketType type, IpAddress dst) {
    EccpPacket p = new EccpPacket(type, NextProtocol.NONE, 1, 2, 3L, 4, 0, null, null, 0, 0);
    return new Datagram(sim.network().newPacketId(), PEER, dst, p, new byte[0], 0);
  }

  @Test
  void lossOfOneDropsEverything() {
    Simulation sim = new Simulation(1, true);
    sim.network().setDefaultProfile(LinkProfile.misbehaving(1, 0, 0));
    for (int i = 0; i < 10; i++) {
      sim.network().send(sim, packet(sim, PacketType.DATA, OLD));
    }
    assertEquals(0, sim.pendingEvents());
  }

  @Test
  void duplicationOfOneDoublesEverything() {
    Simulation sim = new Simulation(1, true);
    sim.network().setDefaultProfile(LinkProfile.misbehaving(0, 1, 0));
    for (int i = 0; i < 10; i++) {
      sim.network().send(sim, packet(sim, PacketType.DATA, OLD));
    }
    assertEquals(20, sim.pendingEvents());
  }

  @Test
  void reorderingLetsLaterPacketsOvertake() {
    Simulation sim = new Simulation(3, true);
    sim.network().setDefaultProfile(new LinkProfile(10_000_000, 0, 0, 0, 0.5, 100_000_000));
    for (int i = 0; i < 20; i++) {
      sim.network().send(sim, packet(sim, PacketType.DATA, OLD));
    }
    sim.runUntil(1_000_000_000L);
    List<Long> arrivals = new ArrayList<>();
    for (String line : sim.trace().lines()) {
      if (line.contains("no host holds")) {
        String rest = line.substring(line.indexOf('#') + 1);
        arrivals.add(Long.parseLong(rest.substring(0, rest.indexOf(' '))));
      }
    }
    assertEquals(20, arrivals.size());
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    assertNotEquals(sorted, arrivals, "some packet arrives after one sent later");
  }

  @Test
  void middleboxForwardsOnlyRsynWhileItsEntryLives() {
    Simulation sim = new Simulation(1, true);
    SimNetwork net = sim.network();
    net.defineNetwork("net-a", OLD);
    net.addMiddlebox("net-a", 5_000_000_000L);
    net.middlebox("net-a").register(0, OLD, NEW);
    net.arrive(sim, packet(sim, PacketType.RSYN, OLD));
    net.arrive(sim, packet(sim, PacketType.DATA, OLD));
    assertEquals(1, net.middlebox("net-a").forwarded());
    assertEquals(1, net.middlebox("net-a").dropped());
    sim.runUntil(6_000_000_000L);
    net.arrive(sim, packet(sim, PacketType.RSYN, OLD));
    assertEquals(1, net.middlebox("net-a").forwarded(), "the entry expired after 5 s");
  }

  @Test
  void eventsAtOneInstantRunInScheduleOrder() {
    Simulation sim = new Simulation(1, true);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      int n = i;
      sim.at(100, "step " + n, () -> order.append(n));
    }
    sim.runUntil(1000);
    assertEquals("01234", order.toString());
  }
}
