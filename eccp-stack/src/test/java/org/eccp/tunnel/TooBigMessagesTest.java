package org.eccp.tunnel;

import static org.eccp.tunnel.PmtuPackets.checksum;
import static org.eccp.tunnel.PmtuPackets.get16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.tunnel.TooBigMessages.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TooBigMessagesTest {
  private final Bytes<?> out = Bytes.allocateElasticDirect(TooBigMessages.MAX_LENGTH + 64);

  @AfterEach
  void release() {
    out.releaseLast();
  }

  private Kind classify(byte[] p) {
    Bytes<?> in = PmtuPackets.direct(p);
    try {
      return TooBigMessages.classify(in, 0, p.length);
    } finally {
      in.releaseLast();
    }
  }

  private byte[] build(byte[] p, int mtu) {
    Bytes<?> in = PmtuPackets.direct(p);
    try {
      int n = TooBigMessages.build(TooBigMessages.classify(in, 0, p.length), in, 0, p.length, mtu,
          out, 0);
      return PmtuPackets.read(out, 0, n);
    } finally {
      in.releaseLast();
    }
  }

  @Test
  void classify_ipv4ByFlags() {
    Random r = new Random(1);
    assertEquals(Kind.FRAG_NEEDED, classify(PmtuPackets.ipv4(1400, 6, true, r)));
    assertEquals(Kind.NO_DF, classify(PmtuPackets.ipv4(1400, 17, false, r)));
  }

  @Test
  void classify_noReplyToErrorsFragmentsAndMulticast() {
    Random r = new Random(2);
    byte[] icmpError = PmtuPackets.ipv4(1400, 1, true, r);
    icmpError[20] = 3;
    assertEquals(Kind.NO_REPLY, classify(icmpError));
    byte[] echo = PmtuPackets.ipv4(1400, 1, true, r);
    echo[20] = 8;
    assertEquals(Kind.FRAG_NEEDED, classify(echo));
    byte[] fragment = PmtuPackets.ipv4(1400, 6, false, r);
    PmtuPackets.put16(fragment, 6, 0x0010);
    assertEquals(Kind.NO_REPLY, classify(fragment));
    byte[] multicast = PmtuPackets.ipv4(1400, 17, true, r);
    multicast[16] = (byte) 239;
    assertEquals(Kind.NO_REPLY, classify(multicast));
    byte[] unspecified = PmtuPackets.ipv4(1400, 17, true, r);
    Arrays.fill(unspecified, 12, 16, (byte) 0);
    assertEquals(Kind.NO_REPLY, classify(unspecified));
  }

  @Test
  void classify_ipv6() {
    Random r = new Random(3);
    assertEquals(Kind.PACKET_TOO_BIG, classify(PmtuPackets.ipv6(1400, 6, r)));
    byte[] error = PmtuPackets.ipv6(1400, 58, r);
    error[40] = 1;
    assertEquals(Kind.NO_REPLY, classify(error));
    byte[] echo = PmtuPackets.ipv6(1400, 58, r);
    echo[40] = (byte) 128;
    assertEquals(Kind.PACKET_TOO_BIG, classify(echo));
    byte[] multicast = PmtuPackets.ipv6(1400, 17, r);
    multicast[24] = (byte) 0xff;
    assertEquals(Kind.NO_REPLY, classify(multicast));
  }

  @Test
  void build_fragNeededQuotesAndSwapsAddresses() {
    byte[] p = PmtuPackets.ipv4(1400, 6, true, new Random(4));
    byte[] m = build(p, 1240);
    assertEquals(576, m.length, "an ICMPv4 error is at most 576 bytes");
    assertEquals(576, get16(m, 2), "IP total length");
    assertEquals(1, m[9], "protocol ICMP");
    assertEquals(0, checksum(m, 0, 20), "IP header checksum");
    assertArrayEquals(PmtuPackets.INNER_PEER, Arrays.copyOfRange(m, 12, 16), "source");
    assertArrayEquals(PmtuPackets.INNER_SENDER, Arrays.copyOfRange(m, 16, 20), "destination");
    assertEquals(3, m[20], "type");
    assertEquals(4, m[21], "code");
    assertEquals(1240, get16(m, 26), "next-hop MTU");
    assertEquals(0, checksum(m, 20, m.length - 20), "ICMP checksum");
    assertArrayEquals(Arrays.copyOfRange(p, 0, 548), Arrays.copyOfRange(m, 28, 576), "quote");
  }

  @Test
  void build_packetTooBigReportsAtLeast1280() {
    byte[] p = PmtuPackets.ipv6(1400, 6, new Random(5));
    byte[] m = build(p, 1240);
    assertEquals(1280, m.length, "an ICMPv6 error fits the minimum MTU");
    assertEquals(1240, get16(m, 4), "payload length");
    assertEquals(58, m[6], "next header ICMPv6");
    assertArrayEquals(Arrays.copyOfRange(p, 24, 40), Arrays.copyOfRange(m, 8, 24), "source");
    assertArrayEquals(Arrays.copyOfRange(p, 8, 24), Arrays.copyOfRange(m, 24, 40), "destination");
    assertEquals(2, m[40], "type");
    assertEquals(1280, get16(m, 46) | get16(m, 44) << 16, "MTU");
    assertEquals(0, icmp6Checksum(m), "ICMPv6 checksum with the pseudo-header");
    assertArrayEquals(Arrays.copyOfRange(p, 0, 1232), Arrays.copyOfRange(m, 48, 1280), "quote");
  }

  @Test
  void build_randomPacketsHaveValidChecksums() {
    for (int seed = 0; seed < 500; seed++) {
      Random r = new Random(seed);
      boolean v6 = r.nextBoolean();
      int length = (v6 ? 41 : 21) + r.nextInt(2000);
      byte[] p = v6 ? PmtuPackets.ipv6(length, 6, r) : PmtuPackets.ipv4(length, 6, true, r);
      int mtu = 552 + r.nextInt(1000);
      byte[] m = build(p, mtu);
      String s = "seed " + seed;
      if (v6) {
        assertEquals(Math.min(1280, 48 + length), m.length, s);
        assertEquals(0, icmp6Checksum(m), s);
        assertEquals(Math.max(1280, mtu), get16(m, 46), s);
      } else {
        assertEquals(Math.min(576, 28 + length), m.length, s);
        assertEquals(0, checksum(m, 0, 20), s);
        assertEquals(0, checksum(m, 20, m.length - 20), s);
        assertEquals(mtu, get16(m, 26), s);
      }
    }
  }

  private static int icmp6Checksum(byte[] m) {
    int payload = m.length - 40;
    long sum = PmtuPackets.sum(m, 8, 32) + payload + 58 + PmtuPackets.sum(m, 40, payload);
    return PmtuPackets.fold(sum);
  }
}
