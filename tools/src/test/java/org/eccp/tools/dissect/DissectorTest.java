package org.eccp.tools.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void ipLengthBeyondAnUncutRecord_isBadIpLength() {
    Dissector dissector = new Dissector(LinkLayer.DLT_RAW, 253, 7400);
    for (boolean udp : new boolean[] {false, true}) {
      byte[] v4 = Arrays.copyOf(DissectTestPackets.framed(
          DissectTestPackets.oneOfEachType().get(0), 0, false, udp), 80);
      v4[2] = (byte) (2000 >> 8); // total length 2000 in an 80-byte record
      v4[3] = (byte) 2000;
      Outcome.Malformed m = assertInstanceOf(Outcome.Malformed.class,
          dissector.dissect(record(v4, v4.length)), "udp " + udp);
      assertEquals("bad_ip_length", m.problem());
      assertTrue(m.message().contains("claims 2000 bytes, but the record contains only 80"),
          m.message());
      // The same bytes cut by the capture's snap length are a truncation, not a bad length.
      Outcome cut = dissector.dissect(record(v4, 2000));
      assertFalse(cut instanceof Outcome.Malformed c && c.problem().equals("bad_ip_length"),
          cut.toString());
    }
  }

  @Test
  void udpHeaderCutAfterThePorts_isMalformedAndSaysWhatWasKept() {
    Dissector dissector = new Dissector(LinkLayer.DLT_RAW, 253, 7400);
    byte[] v6 = DissectTestPackets.framed(DissectTestPackets.oneOfEachType().get(0), 0, true, true);
    byte[] cut = Arrays.copyOf(v6, 46); // the IPv6 header and 6 bytes of UDP
    Outcome.Malformed m = assertInstanceOf(Outcome.Malformed.class,
        dissector.dissect(record(cut, v6.length)));
    assertEquals("truncated_udp", m.problem());
    assertEquals(7400, m.destinationPort());
    assertTrue(m.message().startsWith("truncated UDP header, 6 of 8 bytes (the capture kept 46 of "
        + v6.length + " bytes"), m.message());
    // Without the ports nothing says the packet is ECCP.
    Outcome.Other o = assertInstanceOf(Outcome.Other.class,
        dissector.dissect(record(Arrays.copyOf(v6, 42), v6.length)));
    assertEquals("truncated UDP header, 2 of 8 bytes, without its ports", o.reason());
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
