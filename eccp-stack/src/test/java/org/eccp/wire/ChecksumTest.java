package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/**
 * Internet checksums against published or independently computed values. The UDP values were
 * computed with a separate Python implementation of RFC 1071 over the same bytes.
 */
class ChecksumTest {
  /** The IPv4 header example of the Wikipedia "Internet checksum" article: checksum 0xb861. */
  private static final String IPV4_HEADER = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";
  private static final String UDP_PING = "1ce8 1ce8 000d 0000 70 69 6e 67 21";

  @Test
  void ipv4HeaderExampleVerifies() {
    byte[] bytes = Hex.bytes(IPV4_HEADER);
    Ipv4Header header = new Ipv4Header().wrap(Hex.store(bytes), 0, bytes.length);
    assertEquals(0xb861, header.computeChecksum());
    assertEquals(0, InternetChecksum.of(Hex.store(bytes), 0, bytes.length));
  }

  @Test
  void ipv4HeaderWriteMatchesTheExample() {
    byte[] bytes = new byte[20];
    new Ipv4Header().wrap(Hex.store(bytes), 0, 20).write(0x73, 0x40, 17, 0xc0a80001, 0xc0a800c7);
    assertEquals(Hex.of(Hex.bytes(IPV4_HEADER)), Hex.of(bytes));
  }

  @Test
  void udpOverIpv4MatchesIndependentValue() {
    assertEquals(0x3a0b, udpChecksum(IpAddress.parse("198.18.0.1"), IpAddress.parse("198.18.0.2")));
  }

  @Test
  void udpOverIpv6MatchesIndependentValue() {
    assertEquals(0xcc2e, udpChecksum(IpAddress.parse("fd00::1"), IpAddress.parse("fd00::2")));
  }

  private static int udpChecksum(IpAddress source, IpAddress destination) {
    byte[] bytes = Hex.bytes(UDP_PING);
    UdpHeader udp = new UdpHeader().wrap(Hex.store(bytes), 0, bytes.length);
    udp.write(7400, 7400, bytes.length, source, destination);
    long addressSum = InternetChecksum.addressSum(source) + InternetChecksum.addressSum(destination);
    assertTrue(udp.check(addressSum, source.isV6()).ok());
    return udp.checksum();
  }

  @Test
  void sumMatchesByteWiseSum() {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    byte[] bytes = new byte[300];
    r.nextBytes(bytes);
    BytesStore<?, byte[]> store = Hex.store(bytes);
    for (int from = 0; from < 8; from++) {
      for (int length = 0; length + from <= bytes.length; length++) {
        int expected = ~IndependentChecksum.sum(bytes, from, length) & 0xffff;
        assertEquals(expected, InternetChecksum.of(store, from, length),
            "seed " + seed + ", from " + from + ", length " + length);
      }
    }
  }
}
