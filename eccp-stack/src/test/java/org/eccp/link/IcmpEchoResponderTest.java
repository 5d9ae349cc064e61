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
  private final IcmpEchoResponder responder =
      new IcmpEchoResponder(List.of(IpAddress.v4(OWN), IpAddress.parse("fd00::2")));

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
