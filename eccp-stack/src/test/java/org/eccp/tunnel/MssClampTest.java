package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MssClampTest {
  private final Bytes<?> buffer = Bytes.allocateElasticDirect(256);

  @AfterEach
  void release() {
    buffer.releaseLast();
  }

  private boolean mssFirst;

  static byte[] ipv4Syn(int mss, int flags) {
    return ipv4Syn(mss, flags, false);
  }

  /**
   * Builds an IPv4 TCP segment with options NOP, MSS, window scale (the MSS at an odd offset), or MSS,
   * NOP, window scale when {@code mssFirst}; the TCP checksum is computed.
   */
  static byte[] ipv4Syn(int mss, int flags, boolean mssFirst) {
    byte[] p = new byte[20 + 28];
    p[0] = 0x45;
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = 6;
    byte[] src = {(byte) 198, 19, (byte) 255, 2};
    byte[] dst = {(byte) 198, 19, (byte) 255, 1};
    System.arraycopy(src, 0, p, 12, 4);
    System.arraycopy(dst, 0, p, 16, 4);
    int t = 20;
    p[t] = (byte) 0xc3;
    p[t + 1] = 0x50;
    p[t + 3] = 80;
    p[t + 12] = (byte) (7 << 4);
    p[t + 13] = (byte) flags;
    p[t + 14] = (byte) 0xff;
    int o = mssFirst ? t + 20 : t + 21;
    p[mssFirst ? t + 24 : t + 20] = 1;
    p[o] = 2;
    p[o + 1] = 4;
    p[o + 2] = (byte) (mss >>> 8);
    p[o + 3] = (byte) mss;
    p[t + 25] = 3;
    p[t + 26] = 3;
    p[t + 27] = 7;
    int sum = tcpChecksum(p, t);
    p[t + 16] = (byte) (sum >>> 8);
    p[t + 17] = (byte) sum;
    return p;
  }

  /** Computes the TCP checksum over the IPv4 pseudo-header and the segment, skipping its field. */
  static int tcpChecksum(byte[] p, int t) {
    long sum = 0;
    for (int i = 12; i < 20; i += 2) {
      sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }
    int len = p.length - t;
    sum += 6 + len;
    for (int i = t; i < p.length; i += 2) {
      int hi = p[i] & 0xff;
      int lo = i + 1 < p.length ? p[i + 1] & 0xff : 0;
      if (i != t + 16) {
        sum += (hi << 8) | lo;
      }
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private int mssOf() {
    return MssClamp.get16(buffer, mssFirst ? 20 + 22 : 20 + 23);
  }

  private int checksumOf() {
    return MssClamp.get16(buffer, 20 + 16);
  }

  private byte[] contents(int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = buffer.readByte(i);
    }
    return out;
  }

  @Test
  void clamp_lowersSynMss() {
    byte[] p = ipv4Syn(1460, 0x02);
    buffer.write(0, p);
    assertTrue(MssClamp.clamp(buffer, 0, p.length, 1380, 1360));
    assertEquals(1380, mssOf());
    assertEquals(tcpChecksum(contents(p.length), 20), checksumOf());
  }

  @Test
  void clamp_lowersAlignedMss() {
    mssFirst = true;
    byte[] p = ipv4Syn(1460, 0x02, true);
    buffer.write(0, p);
    assertTrue(MssClamp.clamp(buffer, 0, p.length, 1380, 1360));
    assertEquals(1380, mssOf());
    assertEquals(tcpChecksum(contents(p.length), 20), checksumOf());
  }

  @Test
  void clamp_lowersMssOfSynAck() {
    byte[] p = ipv4Syn(9000, 0x12);
    buffer.write(0, p);
    assertTrue(MssClamp.clamp(buffer, 0, p.length, 1420, 1400));
    assertEquals(1420, mssOf());
    assertEquals(tcpChecksum(contents(p.length), 20), checksumOf());
  }

  @Test
  void clamp_leavesSmallMssAlone() {
    byte[] p = ipv4Syn(536, 0x02);
    buffer.write(0, p);
    assertFalse(MssClamp.clamp(buffer, 0, p.length, 1420, 1400));
    assertEquals(536, mssOf());
  }

  @Test
  void clamp_leavesNonSynAlone() {
    byte[] p = ipv4Syn(1460, 0x10);
    buffer.write(0, p);
    assertFalse(MssClamp.clamp(buffer, 0, p.length, 1420, 1400));
    assertEquals(1460, mssOf());
  }

  @Test
  void clamp_checksumStaysValidForManyValues() {
    long seed = 20261204L;
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      int mss = 1 + random.nextInt(65535);
      int max = 500 + random.nextInt(1500);
      byte[] p = ipv4Syn(mss, 0x02);
      p[20 + 4] = (byte) random.nextInt();
      p[20 + 5] = (byte) random.nextInt();
      int sum = tcpChecksum(p, 20);
      p[20 + 16] = (byte) (sum >>> 8);
      p[20 + 17] = (byte) sum;
      buffer.write(0, p);
      MssClamp.clamp(buffer, 0, p.length, max, max);
      assertEquals(Math.min(mss, max), mssOf(), "seed " + seed + " case " + i);
      assertEquals(tcpChecksum(contents(p.length), 20), checksumOf(),
          "seed " + seed + " case " + i);
    }
  }

  @Test
  void clamp_survivesEveryTruncationAndRandomBytes() {
    byte[] p = ipv4Syn(1460, 0x02);
    for (int len = 0; len < p.length; len++) {
      buffer.write(0, p);
      MssClamp.clamp(buffer, 0, len, 1000, 1000);
    }
    long seed = 7L;
    Random random = new Random(seed);
    byte[] junk = new byte[120];
    for (int i = 0; i < 5000; i++) {
      random.nextBytes(junk);
      junk[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
      buffer.write(0, junk);
      MssClamp.clamp(buffer, 0, random.nextInt(junk.length + 1), 1000, 1000);
    }
  }
}
