package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

class PacketFramerTest {
  private static final IpAddress V4_A = IpAddress.parse("198.18.0.1");
  private static final IpAddress V4_B = IpAddress.parse("198.19.255.2");
  private static final IpAddress V6_A = IpAddress.parse("fd00::1");
  private static final IpAddress V6_B = IpAddress.parse("fd00:1:2:3:4:5:6:7");

  private static final EccpPacket DATA = new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM,
      0x11223344, 0x55667788, 0x0102030405060708L, 0, 0, null, null, 0, 0);

  @Test
  void framedPacketsAreLocatedAndParsedBack() {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      boolean v6 = r.nextBoolean();
      Encapsulation encapsulation = r.nextBoolean() ? Encapsulation.DEFAULT
          : Encapsulation.DEFAULT.withUdp(1 + r.nextInt(65535));
      EccpPacket header = RandomPackets.packet(r);
      byte[] payload = new byte[r.nextInt(200)];
      r.nextBytes(payload);
      String where = "seed " + seed + " (-Deccp.wire.seed), round " + i + ": " + encapsulation
          + " v6=" + v6 + " " + header;
      checkFrameAndLocate(encapsulation, header, payload, v6, where);
    }
  }

  private static void checkFrameAndLocate(Encapsulation encapsulation, EccpPacket header,
      byte[] payload, boolean v6, String where) {
    int payloadOffset = PacketFramer.MAX_HEADROOM + 3;
    byte[] buffer = new byte[payloadOffset + payload.length];
    System.arraycopy(payload, 0, buffer, payloadOffset, payload.length);
    BytesStore<?, byte[]> store = Hex.store(buffer);
    IpAddress source = v6 ? V6_A : V4_A;
    IpAddress destination = v6 ? V6_B : V4_B;

    PacketFramer framer = new PacketFramer(encapsulation);
    long start = framer.frame(store, payloadOffset, payload.length, header, source, destination);
    assertEquals(payloadOffset - framer.headroom(header, v6), start, where);
    byte[] packet = Arrays.copyOfRange(buffer, (int) start, buffer.length);
    assertIndependentChecksums(packet, encapsulation.udp(), where);

    EccpLocator locator = new EccpLocator(encapsulation);
    CheckResult located = locator.locate(store, start, packet.length);
    assertTrue(located.ok(), () -> where + ": " + located.message());
    assertEquals(v6 ? 6 : 4, locator.ipVersion(), where);
    assertEquals(encapsulation.udp(), locator.viaUdp(), where);
    assertEquals(source, locator.source(), where);
    assertEquals(destination, locator.destination(), where);
    EccpHeader eccp = locator.header();
    CheckResult checked = eccp.check();
    assertTrue(checked.ok(), () -> where + ": " + checked.message());
    assertEquals(header, eccp.toPacket(), where);
    assertEquals(payloadOffset, eccp.payloadOffset(), where);
    assertEquals(payload.length, eccp.payloadLength(), where);
    assertArrayEquals(payload, Hex.copy(store, payloadOffset, payload.length), where);
  }

  /** Verifies the IPv4 and UDP checksums with a byte-by-byte sum written apart from the codec. */
  private static void assertIndependentChecksums(byte[] packet, boolean udp, String where) {
    boolean v6 = (packet[0] & 0xff) >>> 4 == 6;
    int ipLength = v6 ? 40 : (packet[0] & 0x0f) * 4;
    if (!v6) {
      assertEquals(0xffff, IndependentChecksum.sum(packet, 0, ipLength), where + " IPv4 header");
    }
    if (udp) {
      int udpLength = packet.length - ipLength;
      long pseudo = v6 ? IndependentChecksum.sum(packet, 8, 32)
          : IndependentChecksum.sum(packet, 12, 8);
      long sum = pseudo + 17 + udpLength + IndependentChecksum.sum(packet, ipLength, udpLength);
      assertEquals(0xffff, IndependentChecksum.fold(sum), where + " UDP checksum");
    }
  }

  @Test
  void dataFramingWritesOnlyTheHeadroom() {
    byte[] buffer = new byte[PacketFramer.DATA_HEADROOM + 4];
    Arrays.fill(buffer, (byte) 0xee);
    BytesStore<?, byte[]> store = Hex.store(buffer);
    PacketFramer framer = new PacketFramer(Encapsulation.DEFAULT.withUdp(7400));
    long start = framer.frame(store, PacketFramer.DATA_HEADROOM, 4, DATA, V6_A, V6_B);
    assertEquals(0, start);
    assertEquals((byte) 0xee, buffer[buffer.length - 1]);
  }

  @Test
  void frameRejectsTooLittleHeadroom() {
    BytesStore<?, byte[]> store = Hex.store(new byte[100]);
    PacketFramer framer = new PacketFramer(Encapsulation.DEFAULT);
    assertThrows(IllegalArgumentException.class,
        () -> framer.frame(store, 30, 10, DATA, V4_A, V4_B));
  }

  @Test
  void frameRejectsMixedFamilies() {
    BytesStore<?, byte[]> store = Hex.store(new byte[200]);
    PacketFramer framer = new PacketFramer(Encapsulation.DEFAULT);
    assertThrows(IllegalArgumentException.class,
        () -> framer.frame(store, 100, 10, DATA, V4_A, V6_B));
  }

  @Test
  void locatorIgnoresOtherUdpPorts() {
    byte[] buffer = new byte[PacketFramer.DATA_HEADROOM];
    BytesStore<?, byte[]> store = Hex.store(buffer);
    long start = new PacketFramer(Encapsulation.DEFAULT.withUdp(9999))
        .frame(store, buffer.length, 0, DATA, V4_A, V4_B);
    CheckResult result = new EccpLocator(Encapsulation.DEFAULT)
        .locate(store, start, (int) (buffer.length - start));
    assertFalse(result.ok());
    assertEquals(Problem.NOT_ECCP, result.problem());
    assertEquals("not ECCP: UDP port 9999, ECCP is on 7400", result.message());
  }
}
