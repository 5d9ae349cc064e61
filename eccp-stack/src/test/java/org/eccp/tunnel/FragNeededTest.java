package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.tunnel.FragNeeded.Problem;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class FragNeededTest {
  private static final long NONCE = 0x0123456789abcdefL;

  private static FragNeeded.Parsed parse(byte[] p, int length) {
    Bytes<?> b = PmtuPackets.direct(p);
    try {
      return FragNeeded.parse(b, 0, length, 253, 0);
    } finally {
      b.releaseLast();
    }
  }

  private static FragNeeded.Parsed parse(byte[] p) {
    return parse(p, p.length);
  }

  @Test
  void parse_fullQuoteGivesFlowAndNonce() {
    FragNeeded.Parsed p = parse(PmtuPackets.fragNeeded(1280, 1500, 77, 88, NONCE, 60));
    assertNull(p.problem());
    FragNeeded m = p.message();
    assertEquals(IpAddress.parse("198.19.1.10"), m.local());
    assertEquals(IpAddress.parse("198.18.2.10"), m.remote());
    assertEquals(77, m.senderFlowId());
    assertTrue(m.hasReceiver());
    assertEquals(88, m.receiverFlowId());
    assertEquals(NONCE, m.nonce());
    assertEquals(1280, m.mtu());
  }

  @Test
  void parse_eightByteQuoteGivesSenderOnly() {
    FragNeeded.Parsed p = parse(PmtuPackets.fragNeeded(1280, 1500, 77, 88, NONCE, 28));
    assertNull(p.problem());
    assertEquals(77, p.message().senderFlowId());
    assertFalse(p.message().hasReceiver());
    assertEquals(Problem.TRUNCATED,
        parse(PmtuPackets.fragNeeded(1280, 1500, 77, 88, NONCE, 27)).problem());
  }

  @Test
  void parse_findsQuotedInnerPacket() {
    byte[] m = PmtuPackets.fragNeeded(1280, 1500, 77, 88, NONCE, 88);
    // The quoted ECCP header: next protocol 3 (tunnelled IP), 5 words (20 bytes).
    m[28 + 20 + 2] = 3;
    m[28 + 20 + 3] = 5;
    fixChecksum(m);
    FragNeeded f = parse(m).message();
    assertEquals(28 + 20 + 20, f.innerStart(), "the inner packet follows the ECCP header");
    assertEquals(88 - 40, f.innerQuoted());
    assertEquals(0, parse(PmtuPackets.fragNeeded(1280, 1500, 77, 88, NONCE, 88)).message()
        .innerQuoted(), "no inner packet in a packet of another next protocol");
  }

  @Test
  void parse_zeroMtuUsesPlateau() {
    assertEquals(1492, parse(PmtuPackets.fragNeeded(0, 1500, 1, 2, NONCE, 40)).message().mtu());
    assertEquals(1006, parse(PmtuPackets.fragNeeded(0, 1400, 1, 2, NONCE, 40)).message().mtu());
  }

  @Test
  void parse_rejectsImpossibleMtu() {
    assertEquals(Problem.BAD_MTU, parse(PmtuPackets.fragNeeded(1500, 1500, 1, 2, NONCE, 40))
        .problem());
    assertEquals(Problem.BAD_MTU, parse(PmtuPackets.fragNeeded(60, 1500, 1, 2, NONCE, 40))
        .problem());
  }

  @Test
  void parse_rejectsBadChecksum() {
    byte[] m = PmtuPackets.fragNeeded(1280, 1500, 1, 2, NONCE, 40);
    m[40] ^= 1;
    assertEquals(Problem.BAD_CHECKSUM, parse(m).problem());
  }

  @Test
  void parse_ignoresOtherCodesAndProtocols() {
    byte[] other = PmtuPackets.fragNeeded(1280, 1500, 1, 2, NONCE, 40);
    other[21] = 1;
    fixChecksum(other);
    assertEquals(Problem.OTHER_TYPE, parse(other).problem());
    byte[] tcp = PmtuPackets.fragNeeded(1280, 1500, 1, 2, NONCE, 40);
    tcp[28 + 9] = 6;
    fixChecksum(tcp);
    assertEquals(Problem.NOT_ECCP, parse(tcp).problem());
  }

  @Test
  void parse_udpChecksPort() {
    byte[] m = PmtuPackets.fragNeeded(1280, 1500, 1, 2, NONCE, 60);
    // Turn the quoted packet into ECCP in UDP: protocol 17, a UDP header to port 7777.
    m[28 + 9] = 17;
    System.arraycopy(m.clone(), 48, m, 56, 32);
    PmtuPackets.put16(m, 48, 7777);
    PmtuPackets.put16(m, 50, 7777);
    fixChecksum(m);
    Bytes<?> b = PmtuPackets.direct(m);
    try {
      FragNeeded.Parsed p = FragNeeded.parse(b, 0, m.length, 17, 7777);
      assertNull(p.problem());
      assertEquals(1, p.message().senderFlowId());
      assertEquals(Problem.NOT_ECCP, FragNeeded.parse(b, 0, m.length, 17, 7000).problem());
    } finally {
      b.releaseLast();
    }
  }

  @Test
  void parse_everyTruncationIsAProblem() {
    byte[] m = PmtuPackets.fragNeeded(1280, 1500, 1, 2, NONCE, 60);
    for (int n = 0; n < m.length; n++) {
      assertNotNull(parse(m, n).problem(), "prefix of " + n + " bytes");
    }
  }

  @Test
  void parse_randomBytesNeverThrow() {
    for (int seed = 0; seed < 3000; seed++) {
      Random r = new Random(seed);
      byte[] m = PmtuPackets.fragNeeded(r.nextInt(2000), 1500, r.nextInt(), r.nextInt(),
          r.nextLong(), 28 + r.nextInt(60));
      int flips = 1 + r.nextInt(4);
      for (int i = 0; i < flips; i++) {
        m[r.nextInt(m.length)] = (byte) r.nextInt();
      }
      FragNeeded.Parsed p = parse(m, r.nextInt(m.length + 1));
      assertTrue(p.problem() != null ^ p.message() != null, "seed " + seed);
    }
  }

  private static void fixChecksum(byte[] m) {
    PmtuPackets.put16(m, 22, 0);
    PmtuPackets.put16(m, 22, PmtuPackets.checksum(m, 20, m.length - 20));
  }
}
