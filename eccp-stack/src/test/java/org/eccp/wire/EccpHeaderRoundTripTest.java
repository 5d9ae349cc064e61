package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

class EccpHeaderRoundTripTest {
  private static final int ROUNDS = Integer.getInteger("eccp.wire.rounds", 20_000);

  @Test
  void randomPacketsSurviveEmitCheckParse() {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    byte[] buffer = new byte[EccpHeader.MAX_LENGTH + 64];
    BytesStore<?, byte[]> store = Hex.store(buffer);
    EccpHeader view = new EccpHeader();
    for (int i = 0; i < ROUNDS; i++) {
      EccpPacket packet = RandomPackets.packet(r);
      int offset = r.nextInt(32);
      int payload = r.nextInt(32);
      String where = "seed " + seed + " (-Deccp.wire.seed), round " + i + ": " + packet;

      view.wrap(store, offset, EccpHeader.lengthOf(packet) + payload);
      int length = view.emit(packet);
      assertEquals(EccpHeader.lengthOf(packet), length, where);
      assertEquals(0, length % 4, where);

      CheckResult result = view.check();
      assertTrue(result.ok(), () -> where + " gave " + result.message());
      assertEquals(packet, view.toPacket(), where);
      assertEquals(payload, view.payloadLength(), where);
      assertEquals(offset + length, view.payloadOffset(), where);
    }
  }
}
