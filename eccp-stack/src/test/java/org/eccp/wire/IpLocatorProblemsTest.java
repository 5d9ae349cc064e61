package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/** Each way the IP and UDP layers around an ECCP packet can be wrong. */
class IpLocatorProblemsTest {
  private static final IpAddress V4_A = IpAddress.parse("198.18.0.1");
  private static final IpAddress V4_B = IpAddress.parse("198.18.0.2");
  private static final IpAddress V6_A = IpAddress.parse("fd00::1");
  private static final IpAddress V6_B = IpAddress.parse("fd00::2");
  private static final Encapsulation UDP = Encapsulation.DEFAULT.withUdp(7400);

  /** Frames the golden ACK with a 4-byte payload and returns the IP packet. */
  private static byte[] framed(Encapsulation encapsulation, boolean v6) {
    EccpPacket ack = GoldenPackets.all().get("ack").packet();
    PacketFramer framer = new PacketFramer(encapsulation);
    int headroom = framer.headroom(ack, v6);
    byte[] bytes = new byte[headroom + 4];
    BytesStore<?, byte[]> store = Hex.store(bytes);
    long start = framer.frame(store, headroom, 4, ack, v6 ? V6_A : V4_A, v6 ? V6_B : V4_B);
    assertEquals(0, start);
    return bytes;
  }

  private static CheckResult locate(Encapsulation encapsulation, byte[] bytes) {
    return new EccpLocator(encapsulation).locate(Hex.store(bytes), 0, bytes.length);
  }

  private static CheckResult locateEdited(Encapsulation encapsulation, boolean v6,
      Consumer<byte[]> edit) {
    byte[] bytes = framed(encapsulation, v6);
    edit.accept(bytes);
    return locate(encapsulation, bytes);
  }

  @Test
  void unchangedPacketsAreLocated() {
    for (Encapsulation e : new Encapsulation[] {Encapsulation.DEFAULT, UDP}) {
      for (boolean v6 : new boolean[] {false, true}) {
        assertTrue(locate(e, framed(e, v6)).ok(), e + " v6=" + v6);
      }
    }
  }

  @Test
  void emptyInputIsTruncatedIp() {
    assertEquals(Problem.TRUNCATED_IP, locate(UDP, new byte[0]).problem());
  }

  @Test
  void versionFiveIsNotIp() {
    CheckResult result = locateEdited(UDP, false, b -> b[0] = 0x55);
    assertEquals(Problem.NOT_IP, result.problem());
    assertEquals("not an IP packet: version nibble 5", result.message());
  }

  @Test
  void shortIpv4HeaderIsTruncated() {
    byte[] bytes = framed(UDP, false);
    CheckResult result = new EccpLocator(UDP).locate(Hex.store(bytes), 0, 12);
    assertEquals(Problem.TRUNCATED_IP, result.problem());
    assertEquals("truncated IP packet, 12 of 20 bytes", result.message());
  }

  @Test
  void ihlBelowFiveIsBadIpLength() {
    assertEquals(Problem.BAD_IP_LENGTH, locateEdited(UDP, false, b -> b[0] = 0x44).problem());
  }

  @Test
  void totalLengthPastTheBytesIsTruncated() {
    CheckResult result = locateEdited(UDP, false, b -> b[3] = (byte) (b[3] + 1));
    assertEquals(Problem.TRUNCATED_IP, result.problem());
  }

  @Test
  void totalLengthBelowHeaderIsBadIpLength() {
    CheckResult result = locateEdited(UDP, false, b -> {
      b[2] = 0;
      b[3] = 19;
    });
    assertEquals(Problem.BAD_IP_LENGTH, result.problem());
    assertEquals("invalid IP length: IPv4 total length 19 is below the header length 20",
        result.message());
  }

  @Test
  void flippedIpv4BitIsBadChecksum() {
    CheckResult result = locateEdited(UDP, false, b -> b[8] ^= 1);
    assertEquals(Problem.BAD_IP_CHECKSUM, result.problem());
  }

  @Test
  void ipv4FragmentIsRejected() {
    byte[] bytes = framed(Encapsulation.DEFAULT, false);
    bytes[6] = 0x20;
    fixIpv4Checksum(bytes);
    assertEquals(Problem.FRAGMENT, locate(Encapsulation.DEFAULT, bytes).problem());
  }

  @Test
  void ipv6FragmentHeaderIsRejected() {
    CheckResult result = locateEdited(Encapsulation.DEFAULT, true, b -> b[6] = 44);
    assertEquals(Problem.FRAGMENT, result.problem());
  }

  @Test
  void ipv6PayloadLengthPastTheBytesIsTruncated() {
    CheckResult result = locateEdited(Encapsulation.DEFAULT, true, b -> b[5] = (byte) (b[5] + 1));
    assertEquals(Problem.TRUNCATED_IP, result.problem());
  }

  @Test
  void otherProtocolIsNotEccp() {
    byte[] bytes = framed(Encapsulation.DEFAULT, false);
    bytes[9] = 6;
    fixIpv4Checksum(bytes);
    CheckResult result = locate(Encapsulation.DEFAULT, bytes);
    assertEquals(Problem.NOT_ECCP, result.problem());
    assertEquals("not ECCP: IP protocol 6, ECCP is 253 or UDP", result.message());
  }

  @Test
  void configuredProtocolNumberIsUsed() {
    Encapsulation custom = Encapsulation.DEFAULT.withIpProtocol(254);
    assertTrue(locate(custom, framed(custom, true)).ok());
    assertEquals(Problem.NOT_ECCP, locate(Encapsulation.DEFAULT, framed(custom, true)).problem());
  }

  @Test
  void shortUdpIsTruncated() {
    byte[] bytes = framed(UDP, false);
    byte[] cut = java.util.Arrays.copyOf(bytes, 24);
    cut[2] = 0;
    cut[3] = 24;
    fixIpv4Checksum(cut);
    CheckResult result = locate(UDP, cut);
    assertEquals(Problem.TRUNCATED_UDP, result.problem());
    assertEquals("truncated UDP datagram, 4 of 8 bytes", result.message());
  }

  @Test
  void udpLengthPastIpPayload() {
    CheckResult result = locateEdited(UDP, false, b -> b[25] = (byte) (b[25] + 1));
    assertEquals(Problem.BAD_UDP_LENGTH, result.problem());
  }

  @Test
  void flippedPayloadBitIsBadUdpChecksum() {
    for (boolean v6 : new boolean[] {false, true}) {
      CheckResult result = locateEdited(UDP, v6, b -> b[b.length - 1] ^= 1);
      assertEquals(Problem.BAD_UDP_CHECKSUM, result.problem(), "v6=" + v6);
    }
  }

  @Test
  void zeroUdpChecksumIsAcceptedOnlyOverIpv4() {
    int checksumAt = 20 + UdpHeader.Offsets.CHECKSUM;
    assertTrue(locateEdited(UDP, false, b -> {
      b[checksumAt] = 0;
      b[checksumAt + 1] = 0;
    }).ok());
    int checksumAt6 = 40 + UdpHeader.Offsets.CHECKSUM;
    assertEquals(Problem.BAD_UDP_CHECKSUM, locateEdited(UDP, true, b -> {
      b[checksumAt6] = 0;
      b[checksumAt6 + 1] = 0;
    }).problem());
  }

  @Test
  void linkPaddingAfterTheIpPacketIsIgnored() {
    byte[] bytes = java.util.Arrays.copyOf(framed(UDP, false), 80);
    EccpLocator locator = new EccpLocator(UDP);
    assertTrue(locator.locate(Hex.store(bytes), 0, bytes.length).ok());
    assertTrue(locator.header().check().ok());
    assertEquals(4, locator.header().payloadLength());
  }

  private static void fixIpv4Checksum(byte[] bytes) {
    bytes[10] = 0;
    bytes[11] = 0;
    int checksum = InternetChecksum.of(Hex.store(bytes), 0, 20);
    bytes[10] = (byte) (checksum >>> 8);
    bytes[11] = (byte) checksum;
  }
}
