package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class EngineCopyTest {

  @Test
  void copy_behavesLikeOriginal() {
    Wire w = new Wire(40);
    w.connect(addrs(A1, A2), addrs(B1));
    w.settle();
    Engine original = w.a.engine;
    Engine copy = original.copy();
    assertEquals(original.stateHash(), copy.stateHash());
    Host twin = new Host("A'", copy);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    twin.handle(w.now, new Event.AddressRemoved(1, A1));
    assertEquals(original.stateHash(), copy.stateHash());
    assertEquals(w.a.sent.stream().map(s -> s.header()).toList(),
        twin.sent.stream().map(s -> s.header()).toList());
    // Now only the original finishes the migration.
    w.deliver(w.take(PacketType.RSYN));
    w.settle();
    assertNotEquals(original.stateHash(), copy.stateHash());
    assertEquals(FlowState.RSYN_SENT, copy.flows().get(0).state());
    assertEquals(FlowState.ESTABLISHED, original.flows().get(0).state());
  }

  @Test
  void stateHash_coversProtocolStateOnly() {
    Wire w = new Wire(41);
    w.connect(addrs(A1), addrs(B1));
    w.settle();
    long h = w.b.engine.stateHash();
    var bogus = new org.eccp.wire.EccpPacket(PacketType.DATA, 2, 5, 6, 7, 0, 0, null, null, 0, 0);
    w.b.handle(w.now, new Event.PacketIn(A1, B1, bogus, null));
    assertEquals(h, w.b.engine.stateHash(), "a dropped packet changes no protocol state");
    w.b.handle(w.now, new Event.Close(w.b.engine.connections().iterator().next().id()));
    assertNotEquals(h, w.b.engine.stateHash());
  }

  @Test
  void sameSeed_sameRun() {
    long[] hashes = new long[2];
    for (int i = 0; i < 2; i++) {
      Wire w = new Wire(42);
      w.connect(addrs(A1, A2), addrs(B1));
      w.settle();
      w.a.handle(w.now, new Event.AddressRemoved(1, A1));
      w.settle();
      hashes[i] = w.a.engine.stateHash() * 31 + w.b.engine.stateHash();
    }
    assertEquals(hashes[0], hashes[1]);
  }
}
