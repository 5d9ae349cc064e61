package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The hold queue and the resend ring: order, capacity and slot contents. */
class PacketSlotsTest {
  private static Bytes<?> packet(int first, int length) {
    Bytes<?> b = Bytes.allocateElasticDirect(length);
    for (int i = 0; i < length; i++) {
      b.writeByte(i, (byte) (first + i));
    }
    return b;
  }

  @Test
  void holdQueue_returnsPacketsOldestFirst() {
    try (HoldQueue q = new HoldQueue(3, 40, 100)) {
      for (int p = 0; p < 3; p++) {
        Bytes<?> b = packet(p * 10, 20 + p);
        assertTrue(q.hold(b, 0, 20 + p));
        b.releaseLast();
      }
      for (int p = 0; p < 3; p++) {
        assertEquals(20 + p, q.peekLength());
        assertEquals((byte) (p * 10), q.buffer().readByte(q.peekOffset()));
        assertTrue(q.peekOffset() >= 40, "headroom in front of the packet");
        q.pop();
      }
      assertEquals(0, q.size());
    }
  }

  @Test
  void holdQueue_refusesWhenFullOrTooLong() {
    try (HoldQueue q = new HoldQueue(2, 40, 100)) {
      Bytes<?> b = packet(1, 101);
      assertFalse(q.hold(b, 0, 101));
      assertTrue(q.hold(b, 0, 50));
      assertTrue(q.hold(b, 0, 50));
      assertFalse(q.hold(b, 0, 50));
      assertEquals(2, q.size());
      b.releaseLast();
    }
  }

  @Test
  void replayRing_keepsTheNewestPackets() {
    try (ReplayRing r = new ReplayRing(3, 40, 100)) {
      for (int p = 0; p < 5; p++) {
        Bytes<?> b = packet(p, 30);
        r.add(b, 0, 30, 1000L * p);
        b.releaseLast();
      }
      assertEquals(3, r.size());
      for (int i = 0; i < 3; i++) {
        int slot = r.slotOf(i);
        assertEquals(1000L * (i + 2), r.sentAt(slot));
        assertEquals((byte) (i + 2), r.buffer().readByte(r.offset(slot)));
      }
      r.clear();
      assertEquals(0, r.size());
    }
  }
}
