package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class IcmpEchoResponderTest {
  private static final int OWN = 0xc6124d02; // 198.18.77.2
  private static final int PEER = 0xc6124d01; // 198.18.77.1
  private final IcmpEchoResponder responder = new IcmpEchoResponder(List.of(IpAddress.v4(OWN),
      IpAddress.parse("fd00::2"), IpAddress.parse("fd00:0:19:1::10")));

  /**
   * An ICMPv6 echo request from fd00:0:18:1::10 to fd00:0:19:1::10, identifier 0x1234, sequence
   * 1, 11 payload bytes. The checksums were computed with a separate script over the RFC 4443
   * pseudo-header.
   */
  private static final String ECHO6_REQUEST = ""
      + "60000000 0013 3a 3f"                       // version 6, payload 19, ICMPv6, hop limit 63
      + "fd000000001800010000000000000010"          // source fd00:0:18:1::10
      + "fd000000001900010000000000000010"          // destination fd00:0:19:1::10
      + "80 00 8355 1234 0001"                      // echo request, code 0, checksum, id, seq
      + "656363702070696e672036";                   // "eccp ping 6"
  /** The reply the responder must write: addresses swapped, hop limit 64, type 129. */
  private static final String ECHO6_REPLY = ""
      + "60000000 0013 3a 40"
      + "fd000000001900010000000000000010"
      + "fd000000001800010000000000000010"
      + "81 00 8255 1234 0001"
      + "656363702070696e672036";

  /** Ones' complement checksum written independently of the production code. */
  private static int checksum(byte[] p, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i += 2) {
      int hi = p[i] & 0xff;
      int lo = i + 1 < to ? p[i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~sum & 0xffff;
  }

  static byte[] echo(int type, int src, int dst, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(28 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putShort((short) 0x1234)
        .putShort((short) 0x4000).put((byte) 64).put((byte) 1).putShort((short) 0).putInt(src)
        .putInt(dst);
    b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) 0x77)
        .putShort((short) 3).put(payload);
    byte[] p = b.array();
    int ip = checksum(p, 0, 20);
    p[10] = (byte) (ip >>> 8);
    p[11] = (byte) ip;
    int icmp = checksum(p, 20, p.length);
    p[22] = (byte) (icmp >>> 8);
    p[23] = (byte) icmp;
    return p;
  }

  private static Bytes<?> direct(byte[] p) {
    Bytes<?> b = Bytes.allocateDirect(2048);
    b.write(p);
    return b;
  }

  private static byte[] read(Bytes<?> b, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = b.readByte(i);
    }
    return out;
  }

  @Test
  void echoRequestBecomesReplyWithValidChecksums() {
    byte[] payload = "odd length payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] request = echo(8, PEER, OWN, java.util.Arrays.copyOf(payload, 17));
    Bytes<?> b = direct(request);

    assertEquals(IcmpEchoResponder.REPLY, responder.answer(b, 0, request.length));

    assertEquals(request.length, IcmpEchoResponder.replyLength(b, 0));
    byte[] reply = read(b, request.length);
    ByteBuffer r = ByteBuffer.wrap(reply);
    assertEquals(OWN, r.getInt(12), "source");
    assertEquals(PEER, r.getInt(16), "destination");
    assertEquals(0, reply[20], "type echo reply");
    assertEquals(0x77, r.getShort(24), "identifier");
    assertEquals(3, r.getShort(26), "sequence");
    assertArrayEquals(java.util.Arrays.copyOfRange(request, 28, request.length),
        java.util.Arrays.copyOfRange(reply, 28, reply.length), "payload");
    assertEquals(0, checksum(reply, 0, 20), "IPv4 header checksum");
    assertEquals(0, checksum(reply, 20, reply.length), "ICMP checksum");
  }

  @Test
  void otherPacketsPass() {
    byte[] toOther = echo(8, PEER, 0xc6124d03, new byte[4]);
    byte[] reply = echo(0, PEER, OWN, new byte[4]);
    byte[] udp = echo(8, PEER, OWN, new byte[4]);
    udp[9] = 17;

    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(toOther), 0, toOther.length));
    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(reply), 0, reply.length));
    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(udp), 0, udp.length));
  }

  @Test
  void damagedRequestsAreMalformed() {
    byte[] good = echo(8, PEER, OWN, new byte[8]);
    byte[] badIcmpSum = good.clone();
    badIcmpSum[30] ^= 1;
    byte[] badIpSum = good.clone();
    badIpSum[8] ^= 1;
    byte[] fragment = echo(8, PEER, OWN, new byte[8]);
    fragment[6] = 0x20;

    for (byte[] p : List.of(badIcmpSum, badIpSum, fragment)) {
      assertEquals(IcmpEchoResponder.MALFORMED, responder.answer(direct(p), 0, p.length));
    }
    assertEquals(IcmpEchoResponder.MALFORMED, responder.answer(direct(good), 0, 27),
        "truncated below the ICMP header");
    assertEquals(IcmpEchoResponder.MALFORMED, responder.answer(direct(good), 0, good.length - 1),
        "shorter than the IPv4 total length");
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void echo6RequestBecomesGoldenReply() {
    byte[] request = hex(ECHO6_REQUEST);
    Bytes<?> b = direct(request);

    assertEquals(IcmpEchoResponder.REPLY, responder.answer(b, 0, request.length));

    assertEquals(request.length, IcmpEchoResponder.replyLength(b, 0));
    assertArrayEquals(hex(ECHO6_REPLY), read(b, request.length));
  }

  @Test
  void echo6AtOffsetInLargerBuffer() {
    byte[] request = hex(ECHO6_REQUEST);
    Bytes<?> b = Bytes.allocateDirect(2048);
    b.write(new byte[7]);
    b.write(request);

    assertEquals(IcmpEchoResponder.REPLY, responder.answer(b, 7, request.length + 5));

    byte[] reply = new byte[request.length];
    for (int i = 0; i < reply.length; i++) {
      reply[i] = b.readByte(7 + i);
    }
    assertArrayEquals(hex(ECHO6_REPLY), reply);
  }

  @Test
  void other6PacketsPass() {
    byte[] toOther = hex(ECHO6_REQUEST);
    toOther[39] = 0x11;
    byte[] reply = hex(ECHO6_REQUEST);
    reply[40] = (byte) 129;
    reply[42] = 0;
    reply[43] = 0;
    int sum = IndependentSum.icmp6(reply);
    reply[42] = (byte) (sum >>> 8);
    reply[43] = (byte) sum;
    byte[] udp = hex(ECHO6_REQUEST);
    udp[6] = 17;

    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(toOther), 0, toOther.length),
        "to another address");
    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(reply), 0, reply.length),
        "an echo reply to an own address");
    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(udp), 0, udp.length), "UDP");
    assertEquals(IcmpEchoResponder.PASS, new IcmpEchoResponder(List.of(IpAddress.v4(OWN)))
        .answer(direct(hex(ECHO6_REQUEST)), 0, 59), "no own IPv6 address");
  }

  @Test
  void damaged6RequestsAreMalformed() {
    byte[] good = hex(ECHO6_REQUEST);
    byte[] badSum = good.clone();
    badSum[50] ^= 1;
    byte[] badCode = good.clone();
    badCode[41] = 1;
    byte[] shortPayload = good.clone();
    shortPayload[5] = 7;

    assertEquals(IcmpEchoResponder.MALFORMED, responder.answer(direct(badSum), 0, good.length),
        "payload bit flipped");
    assertEquals(IcmpEchoResponder.MALFORMED, responder.answer(direct(badCode), 0, good.length),
        "non-zero code");
    assertEquals(IcmpEchoResponder.MALFORMED,
        responder.answer(direct(shortPayload), 0, good.length), "payload length below 8");
    assertEquals(IcmpEchoResponder.MALFORMED, responder.answer(direct(good), 0, good.length - 1),
        "shorter than the IPv6 payload length");
    assertEquals(IcmpEchoResponder.PASS, responder.answer(direct(good), 0, 39),
        "shorter than an IPv6 header");
  }

  @Test
  void corrupted6PacketsNeverThrow() {
    long seed = 20261205L;
    SplittableRandom rnd = new SplittableRandom(seed);
    Bytes<?> b = Bytes.allocateDirect(2048);
    byte[] golden = hex(ECHO6_REQUEST);
    for (int i = 0; i < 2000; i++) {
      byte[] p = golden.clone();
      int flips = rnd.nextInt(1, 4);
      for (int f = 0; f < flips; f++) {
        p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      int length = rnd.nextInt(0, p.length + 1);
      b.clear();
      b.write(p);
      int verdict = responder.answer(b, 0, length);
      if (verdict == IcmpEchoResponder.REPLY) {
        byte[] reply = read(b, IcmpEchoResponder.replyLength(b, 0));
        assertEquals(129, reply[40] & 0xff, "seed " + seed + " round " + i);
        assertEquals(0, IndependentSum.icmp6(reply), "seed " + seed + " round " + i);
      }
    }
  }

  /** ICMPv6 checksum over the pseudo-header, written independently of the production code. */
  private static final class IndependentSum {
    static int icmp6(byte[] packet) {
      int payload = ((packet[4] & 0xff) << 8) | (packet[5] & 0xff);
      byte[] pseudo = new byte[40 + payload];
      System.arraycopy(packet, 8, pseudo, 0, 32);
      pseudo[34] = (byte) (payload >>> 8);
      pseudo[35] = (byte) payload;
      pseudo[39] = 58;
      System.arraycopy(packet, 40, pseudo, 40, payload);
      return checksum(pseudo, 0, pseudo.length);
    }
  }

  @Test
  void corruptedPacketsNeverThrow() {
    long seed = 20261204L;
    SplittableRandom rnd = new SplittableRandom(seed);
    Bytes<?> b = Bytes.allocateDirect(2048);
    for (int i = 0; i < 2000; i++) {
      byte[] p = echo(8, PEER, OWN, new byte[rnd.nextInt(0, 64)]);
      int flips = rnd.nextInt(1, 4);
      for (int f = 0; f < flips; f++) {
        // flips bits anywhere, header fields included
        p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      int length = rnd.nextInt(0, p.length + 1);
      b.clear();
      b.write(p);
      int verdict = responder.answer(b, 0, length);
      if (verdict == IcmpEchoResponder.REPLY) {
        byte[] reply = read(b, IcmpEchoResponder.replyLength(b, 0));
        assertEquals(0, checksum(reply, 0, (reply[0] & 0xf) * 4), "seed " + seed + " round " + i);
        assertEquals(0, checksum(reply, (reply[0] & 0xf) * 4, reply.length),
            "seed " + seed + " round " + i);
      }
    }
  }
}
