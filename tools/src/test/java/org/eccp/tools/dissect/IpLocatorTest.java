package org.eccp.tools.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.eccp.wire.EccpPacket;
import org.junit.jupiter.api.Test;

class IpLocatorTest {
  private final IpLocator locator = new IpLocator(253, 7400);

  private static byte[] udpSyn(boolean v6) {
    EccpPacket syn = DissectTestPackets.oneOfEachType().get(0);
    return DissectTestPackets.framed(syn, 0, v6, true);
  }

  @Test
  void udpAndRawIp_locateTheEccpHeader() {
    byte[] v4 = udpSyn(false);
    assertEquals(IpLocator.Verdict.ECCP, locator.locate(v4, 0, v4.length));
    assertEquals(28, locator.eccpOffset);
    assertEquals(v4.length - 28, locator.eccpLength);
    assertEquals(7400, locator.destinationPort);
    byte[] v6 = DissectTestPackets.ip(true, false, new byte[20]);
    assertEquals(IpLocator.Verdict.ECCP, locator.locate(v6, 0, v6.length));
    assertEquals(40, locator.eccpOffset);
    assertEquals(-1, locator.sourcePort);
  }

  @Test
  void ethernetPadding_isNotPartOfEccp() {
    byte[] padded = Arrays.copyOf(DissectTestPackets.ip(false, false, new byte[20]), 46);
    assertEquals(IpLocator.Verdict.ECCP, locator.locate(padded, 0, padded.length));
    assertEquals(20, locator.eccpLength);
  }

  @Test
  void ipv6ExtensionHeaders_areSkipped() {
    // Hop-by-hop options (8 bytes) in front of 20 bytes of ECCP.
    byte[] inner = new byte[8 + 20];
    inner[0] = (byte) 253;
    byte[] packet = DissectTestPackets.frame(DissectTestPackets.A6, DissectTestPackets.B6, 0, -1,
        inner);
    assertEquals(IpLocator.Verdict.ECCP, locator.locate(packet, 0, packet.length));
    assertEquals(48, locator.eccpOffset);
    assertEquals(20, locator.eccpLength);
  }

  @Test
  void fragments_areMalformedEccp() {
    byte[] v4 = DissectTestPackets.ip(false, false, new byte[20]);
    v4[6] = 0x20; // more fragments
    assertEquals(IpLocator.Verdict.MALFORMED, locator.locate(v4, 0, v4.length));
    assertEquals("fragment", locator.problemKey);
    v4[6] = 0;
    v4[7] = 8; // a later fragment
    assertEquals(IpLocator.Verdict.MALFORMED, locator.locate(v4, 0, v4.length));

    byte[] inner = new byte[8 + 20];
    inner[0] = (byte) 253;
    byte[] v6 = DissectTestPackets.frame(DissectTestPackets.A6, DissectTestPackets.B6, 44, -1,
        inner);
    assertEquals(IpLocator.Verdict.MALFORMED, locator.locate(v6, 0, v6.length));
    assertEquals("fragment", locator.problemKey);
  }

  @Test
  void badLengths_areMalformedOnlyForEccp() {
    byte[] v4 = DissectTestPackets.ip(false, false, new byte[20]);
    v4[0] = 0x4f; // a 60-byte header in a 40-byte packet
    assertEquals(IpLocator.Verdict.MALFORMED, locator.locate(v4, 0, v4.length));
    assertEquals("bad_ip_length", locator.problemKey);

    byte[] udp = udpSyn(false);
    udp[24] = (byte) 0xff; // UDP length past the IP payload
    assertEquals(IpLocator.Verdict.MALFORMED, locator.locate(udp, 0, udp.length));
    assertEquals("bad_udp_length", locator.problemKey);

    byte[] other = DissectTestPackets.frame(DissectTestPackets.A4, DissectTestPackets.B4, 6, -1,
        new byte[20]);
    other[0] = 0x4f;
    assertEquals(IpLocator.Verdict.OTHER, locator.locate(other, 0, other.length));
  }

  @Test
  void otherTraffic_isNamed() {
    byte[] dns = DissectTestPackets.frame(DissectTestPackets.A4, DissectTestPackets.B4, 17, 53,
        new byte[12]);
    assertEquals(IpLocator.Verdict.OTHER, locator.locate(dns, 0, dns.length));
    assertEquals("UDP port 53", locator.message);
    assertEquals(IpLocator.Verdict.OTHER, locator.locate(new byte[] {0x10}, 0, 1));
    assertEquals("not IP: version nibble 1", locator.message);
  }

  @Test
  void everyPrefixAndRandomBytes_neverThrow() {
    byte[] full = udpSyn(true);
    for (int length = 0; length <= full.length; length++) {
      locator.locate(full, 0, length);
    }
    long seed = 20261204L;
    Random random = new Random(seed);
    byte[] noise = new byte[120];
    for (int i = 0; i < 20_000; i++) {
      random.nextBytes(noise);
      noise[0] = (byte) ((i % 2 == 0 ? 0x40 : 0x60) | (noise[0] & 0x0f));
      try {
        locator.locate(noise, 0, random.nextInt(noise.length + 1));
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", iteration " + i + ": " + e, e);
      }
    }
  }
}
