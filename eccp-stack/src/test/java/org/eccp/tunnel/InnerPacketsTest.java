package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InnerPacketsTest {
  private final Bytes<?> buffer = Bytes.allocateElasticDirect(256);

  @AfterEach
  void release() {
    buffer.releaseLast();
  }

  private InnerPackets.Verdict check(byte[] p, int length) {
    buffer.write(0, p);
    return InnerPackets.check(buffer, 0, length);
  }

  @Test
  void check_acceptsIpv4WhoseLengthMatches() {
    byte[] p = MssClampTest.ipv4Syn(1460, 0x02);
    assertEquals(InnerPackets.Verdict.OK, check(p, p.length));
  }

  @Test
  void check_rejectsIpv4WhoseLengthDisagrees() {
    byte[] p = MssClampTest.ipv4Syn(1460, 0x02);
    assertEquals(InnerPackets.Verdict.LENGTH_MISMATCH, check(p, p.length - 1));
  }

  @Test
  void check_rejectsLessThanAnIpHeader() {
    byte[] p = MssClampTest.ipv4Syn(1460, 0x02);
    assertEquals(InnerPackets.Verdict.TOO_SHORT, check(p, 19));
  }

  @Test
  void check_acceptsIpv6WhosePayloadLengthMatches() {
    byte[] p = new byte[48];
    p[0] = 0x60;
    p[5] = 8;
    assertEquals(InnerPackets.Verdict.OK, check(p, 48));
    assertEquals(InnerPackets.Verdict.LENGTH_MISMATCH, check(p, 47));
    assertEquals(InnerPackets.Verdict.TOO_SHORT, check(p, 39));
  }

  @Test
  void check_rejectsOtherVersions() {
    byte[] p = MssClampTest.ipv4Syn(1460, 0x02);
    p[0] = 0x55;
    assertEquals(InnerPackets.Verdict.NOT_IP, check(p, p.length));
  }

  @Test
  void check_rejectsIpv4HeaderPastTotalLength() {
    byte[] p = new byte[40];
    p[0] = 0x4f;
    p[3] = 40;
    assertEquals(InnerPackets.Verdict.LENGTH_MISMATCH, check(p, 40));
  }

  @Test
  void check_rejectsIpv4HeaderUnder20Bytes() {
    byte[] p = MssClampTest.ipv4Syn(1460, 0x02);
    p[0] = 0x44;
    assertEquals(InnerPackets.Verdict.NOT_IP, check(p, p.length));
  }
}
