package org.eccp.tcplite.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentTest {
  private static final HexFormat HEX = HexFormat.of();

  /** A data segment with one SACK block and three payload bytes, field by field. */
  private static final String FIXTURE = ""
      + "1f90" // source port 8080
      + "0050" // destination port 80
      + "fffffff0" // sequence number 2^32 - 16
      + "00000010" // acknowledgement 16
      + "00010000" // window 65536
      + "02" // flags: ACK
      + "01" // one SACK block
      + "0000" // reserved
      + "0000abcd" // tsVal
      + "00001234" // tsEcr
      + "00000020" + "00000030" // SACK block 32-48
      + "616263"; // payload "abc"

  @Test
  void segment_fixtureDecodesFieldByField() {
    byte[] bytes = HEX.parseHex(FIXTURE);
    Segment s = new Segment().wrap(bytes);
    assertNull(s.check());
    SegmentHeader h = s.toHeader();
    assertEquals(new SegmentHeader(8080, 80, -16, 16, 65536, Flags.ACK, 0xabcd, 0x1234,
        List.of(new SackBlock(32, 48))), h);
    assertEquals(3, s.payloadLength());
    assertEquals('a', bytes[s.payloadOffset()]);
    assertArrayEquals(bytes, Segment.emit(h, "abc".getBytes(), 0, 3));
  }

  @Test
  void segment_roundTripsRandomHeaders() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      SegmentHeader h = randomHeader(rnd);
      byte[] payload = new byte[(h.flags() & Flags.SYN) != 0 ? 0 : rnd.nextInt(40)];
      byte[] bytes = Segment.emit(h, payload, 0, payload.length);
      Segment s = new Segment().wrap(bytes);
      assertNull(s.check(), "iteration " + i);
      assertEquals(h, s.toHeader(), "iteration " + i);
      assertEquals(payload.length, s.payloadLength());
    }
  }

  @Test
  void segment_everyTruncatedPrefixIsRejected() {
    byte[] bytes = HEX.parseHex(FIXTURE);
    int header = Segment.FIXED_LENGTH + Segment.SACK_BLOCK_LENGTH;
    for (int len = 0; len < header; len++) {
      SegmentProblem p = new Segment().wrap(bytes, 0, len).check();
      assertNotNull(p, "prefix of " + len + " bytes");
    }
    for (int len = header; len <= bytes.length; len++) {
      assertNull(new Segment().wrap(bytes, 0, len).check(), "prefix of " + len + " bytes");
    }
  }

  @Test
  void segment_randomBytesNeverThrow() {
    long seed = 11;
    SplittableRandom rnd = new SplittableRandom(seed);
    Segment s = new Segment();
    int ok = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[rnd.nextInt(80)];
      rnd.nextBytes(b);
      if (s.wrap(b).check() == null) {
        s.toHeader();
        ok++;
      }
    }
    assertEquals(true, ok > 0, "seed " + seed + ": some random arrays should pass");
  }

  @Test
  void segment_badSackBlockAndFlagsAreRejected() {
    SegmentHeader good = new SegmentHeader(1, 2, 5, 6, 7, Flags.ACK, 0, 0,
        List.of(new SackBlock(100, 200)));
    byte[] b = Segment.emit(good);
    b[Segment.Offsets.SACKS + 7] = 100; // end = start
    assertEquals(SegmentProblem.BAD_SACK_BLOCK, new Segment().wrap(b).check());
    b = Segment.emit(good);
    b[Segment.Offsets.SACK_COUNT] = 5;
    assertEquals(SegmentProblem.TOO_MANY_SACK_BLOCKS, new Segment().wrap(b).check());
    b = Segment.emit(new SegmentHeader(1, 2, 5, 6, 7, Flags.SYN, 0, 0, List.of()), new byte[1],
        0, 1);
    assertEquals(SegmentProblem.BAD_FLAGS, new Segment().wrap(b).check());
  }

  @Test
  void segment_unknownFlagBitsAreKept() {
    SegmentHeader h = new SegmentHeader(1, 2, 3, 4, 5, 0x80 | Flags.ACK, 0, 0, List.of());
    assertEquals(h, new Segment().wrap(Segment.emit(h)).toHeader());
    assertEquals("ACK|0x80", Flags.describe(h.flags()));
  }

  private static SegmentHeader randomHeader(SplittableRandom rnd) {
    int n = rnd.nextInt(Segment.MAX_SACK_BLOCKS + 1);
    SackBlock[] sacks = new SackBlock[n];
    for (int i = 0; i < n; i++) {
      int start = rnd.nextInt();
      sacks[i] = new SackBlock(start, start + 1 + rnd.nextInt(Integer.MAX_VALUE));
    }
    return new SegmentHeader(rnd.nextInt(65536), rnd.nextInt(65536), rnd.nextInt(),
        rnd.nextInt(), rnd.nextInt(), rnd.nextInt(256) & ~Flags.RST, rnd.nextInt(), rnd.nextInt(),
        List.of(sacks));
  }
}
