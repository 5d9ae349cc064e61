package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

/**
 * Instance tags: several engines that see each other's packets (ECCP programs sharing a raw IP
 * link on one host) leave each other's flows alone.
 */
class InstanceTagTest {

  private static Host tagged(String name, long seed, int tag) {
    return new Host(name, new Engine(EngineConfig.defaults().withInstanceTag(tag),
        new SeededEntropy(seed), new PreferencePolicy()));
  }

  @Test
  void flowIds_carryTagAndDiffer() {
    for (long seed = 1; seed <= 50; seed++) {
      int tag = EngineConfig.drawTag(new SeededEntropy(seed));
      assertTrue(tag >= 1, "seed " + seed + ": tag " + tag);
      assertTrue(tag <= EngineConfig.MAX_TAG, "seed " + seed + ": tag " + tag);
      Host a = tagged("A", seed, tag);
      a.handle(0, new Event.AddressAdded(1, A1));
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        int id = (int) a.handle(0, new Event.Connect(A1, B1));
        assertNotEquals(0, id, "seed " + seed);
        int flowId = a.engine.connection(id).flows().get(0).localFlowId();
        assertEquals(tag, EngineConfig.tagOf(flowId), "seed " + seed);
        assertTrue(ids.add(flowId), "seed " + seed + ": flowID repeated");
      }
    }
  }

  @Test
  void config_rejectsTagOutOfRange() {
    EngineConfig d = EngineConfig.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withInstanceTag(-1));
    assertThrows(IllegalArgumentException.class, () -> d.withInstanceTag(EngineConfig.MAX_TAG + 1));
    assertEquals(0, d.instanceTag());
    assertEquals(0x12345678, d.tagFlowId(0x12345678));
  }

  /** A and C share address A1, as two programs on one host do; C receives every packet A gets. */
  @Test
  void otherStackPackets_countedNotReset() {
    Host c = tagged("C", 9, 2);
    c.handle(0, new Event.AddressAdded(1, A1));
    Wire w = new Wire(tagged("A", 7, 1), tagged("B", 8, 3));
    w.connect(addrs(A1), addrs(B1));
    for (int round = 0; round < 20; round++) {
      w.collect();
      List<Host.Sent> batch = List.copyOf(w.inFlight);
      w.inFlight.clear();
      for (Host.Sent p : batch) {
        w.deliver(p);
        if (p.dst().equals(A1)) {
          c.handle(w.now, new Event.PacketIn(p.src(), p.dst(), p.header(), p.payload()));
        }
      }
      if (round == 3) {
        w.a.handle(w.now, new Event.SendEcho(w.a.onlyFlow().localFlowId(), new byte[] {7}));
      }
    }
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertEquals(1, w.a.engine.counters().get(Counter.ECHO_REPLIES_RECEIVED));
    assertTrue(c.sent.isEmpty(), "C answered A's packets: " + c.sent);
    assertTrue(c.engine.counters().get(Counter.OTHER_STACK) >= 2);
    assertEquals(0, c.engine.counters().get(Counter.RST_SENT));
  }

  @Test
  void synWithoutListener_resetOnlyUntagged() {
    for (int tag : new int[] {0, 5}) {
      Host closed = tagged("B", 11, tag);
      Wire w = new Wire(tagged("A", 12, 1), closed);
      w.a.handle(w.now, new Event.AddressAdded(1, A1));
      closed.handle(w.now, new Event.AddressAdded(1, B1));
      w.a.handle(w.now, new Event.Connect(A1, B1));
      w.deliver(w.take(PacketType.SYN));
      assertEquals(1, closed.engine.counters().get(Counter.NOT_LISTENING));
      List<Host.Sent> answers = closed.takeSent();
      if (tag == 0) {
        assertEquals(1, answers.size());
        assertEquals(PacketType.RST, answers.get(0).header().type());
      } else {
        assertTrue(answers.isEmpty(), "a tagged host answered a SYN it does not listen for");
      }
    }
  }

  /** B restarts: with the same tag it resets A's lost flow, with another tag it stays quiet. */
  @Test
  void unknownOwnTagFlow_getsRst() {
    Wire w = new Wire(tagged("A", 21, 1), tagged("B", 22, 3));
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    int bFlow = w.b.onlyFlow().localFlowId();
    w.a.handle(w.now, new Event.SendData(w.a.onlyFlow().localFlowId(), NextProtocol.DATAGRAM,
        new byte[] {1}));
    Host.Sent data = w.take(PacketType.DATA);
    assertEquals(bFlow, data.header().receiverFlowId());
    for (int tag : new int[] {3, 4}) {
      Host restarted = tagged("B'", 23, tag);
      restarted.handle(w.now, new Event.AddressAdded(1, B1));
      restarted.handle(w.now, new Event.PacketIn(data.src(), data.dst(), data.header(),
          data.payload()));
      boolean same = tag == 3;
      assertEquals(same ? 1 : 0, restarted.engine.counters().get(Counter.RST_SENT));
      assertEquals(same ? 0 : 1, restarted.engine.counters().get(Counter.OTHER_STACK));
    }
  }
}
