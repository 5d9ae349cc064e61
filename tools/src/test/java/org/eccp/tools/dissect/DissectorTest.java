package org.eccp.tools.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.Random;
import org.eccp.wire.EccpPacket;
import org.junit.jupiter.api.Test;

class DissectorTest {
  private static final int[] LINK_TYPES = {LinkLayer.DLT_NULL, LinkLayer.DLT_EN10MB,
      LinkLayer.DLT_RAW, LinkLayer.DLT_LINUX_SLL, LinkLayer.DLT_LINUX_SLL2};

  private static CaptureReader.Record record(byte[] data, int originalLength) {
    return new CaptureReader.Record(1, 0, data, originalLength);
  }

  @Test
  void everyPrefix_dissectsWithoutThrowing() {
    Dissector dissector = new Dissector(LinkLayer.DLT_RAW, 253, 7400);
    for (EccpPacket p : DissectTestPackets.oneOfEachType()) {
      for (boolean v6 : new boolean[] {false, true}) {
        byte[] full = DissectTestPackets.framed(p, 4, v6, true);
        assertInstanceOf(Outcome.Eccp.class, dissector.dissect(record(full, full.length)));
        for (int length = 0; length < full.length; length++) {
          byte[] cut = Arrays.copyOf(full, length);
          dissector.dissect(record(cut, full.length));
        }
      }
    }
  }

  @Test
  void headerLongerThanCapture_isTruncatedEccp() {
    Dissector dissector = new Dissector(LinkLayer.DLT_RAW, 253, 7400);
    byte[] v4 = DissectTestPackets.ip(false, false, new byte[60]);
    v4[0] = 0x4f; // 60-byte IPv4 header
    byte[] cut = Arrays.copyOf(v4, 40);
    Outcome outcome = dissector.dissect(record(cut, v4.length));
    Outcome.Malformed m = assertInstanceOf(Outcome.Malformed.class, outcome);
    assertEquals("truncated", m.problem());
  }

  @Test
  void randomFrames_neverThrow() {
    long seed = 7_400_253L;
    Random random = new Random(seed);
    byte[] frame = new byte[200];
    for (int linkType : LINK_TYPES) {
      Dissector dissector = new Dissector(linkType, 253, 7400);
      for (int i = 0; i < 10_000; i++) {
        random.nextBytes(frame);
        byte[] data = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
        try {
          dissector.dissect(record(data, frame.length));
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + seed + ", link type " + linkType + ", iteration " + i
              + ": " + e, e);
        }
      }
    }
  }
}
