package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class SimLinkTest {
  private static final IpAddress A = IpAddress.parse("198.18.5.1");
  private static final IpAddress B = IpAddress.parse("198.18.6.1");

  private static Bytes<?> packet(byte[] data, int offset) {
    Bytes<?> b = Bytes.allocateDirect(2048);
    b.writeSkip(offset);
    b.readPosition(offset);
    b.write(data);
    return b;
  }

  @Test
  void fabricCarriesPacketsByteExact() throws Exception {
    long seed = 7L;
    SplittableRandom rnd = new SplittableRandom(seed);
    SimLink.Fabric fabric = new SimLink.Fabric();
    try (SimLink a = fabric.attach(A); SimLink b = fabric.attach(B)) {
      Bytes<?> in = Bytes.allocateDirect(2048);
      ReceivedPacket from = new ReceivedPacket();
      for (int i = 0; i < 50; i++) {
        byte[] data = new byte[rnd.nextInt(1, 1400)];
        rnd.nextBytes(data);
        Bytes<?> out = packet(data, rnd.nextInt(0, 64));
        long position = out.readPosition();

        a.send(A, B, out);
        assertTrue(b.receive(in, from), "seed " + seed + " round " + i);

        assertEquals(position, out.readPosition(), "send leaves the positions");
        byte[] got = new byte[(int) in.readRemaining()];
        in.read(got);
        assertArrayEquals(data, got, "seed " + seed + " round " + i);
        assertEquals(A, from.source());
        assertEquals(B, from.destination());
      }
      assertEquals(50, a.counters().sent());
      assertEquals(50, b.counters().received());
    }
  }

  @Test
  void unownedDestinationIsCountedAndClosedLinkDrops() throws Exception {
    SimLink.Fabric fabric = new SimLink.Fabric();
    SimLink a = fabric.attach(A);
    a.send(A, IpAddress.parse("198.18.9.9"), packet(new byte[] {1, 2}, 0));
    assertEquals(1, fabric.unroutable());

    a.close();
    a.send(A, B, packet(new byte[] {1}, 0));
    assertEquals(1, a.counters().dropped());
    assertFalse(a.receive(Bytes.allocateDirect(64), new ReceivedPacket()));
  }

  @Test
  void wakeupEndsBlockedReceive() throws Exception {
    try (SimLink b = new SimLink.Fabric().attach(B)) {
      Bytes<?> in = Bytes.allocateDirect(64);
      in.singleThreadedCheckDisabled(true);
      CompletableFuture<Boolean> r = CompletableFuture.supplyAsync(
          () -> b.receive(in, new ReceivedPacket()));

      b.wakeup();

      assertFalse(r.get(5, TimeUnit.SECONDS));
      b.clearWakeup();
      b.enqueue(A, B, new byte[] {9});
      assertTrue(b.receive(in, new ReceivedPacket()));
    }
  }
}
