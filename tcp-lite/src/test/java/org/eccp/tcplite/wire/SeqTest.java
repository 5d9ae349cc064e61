package org.eccp.tcplite.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeqTest {
  @Test
  void seq_comparesAcrossTheWrap() {
    assertTrue(Seq.lt(0xffff_fff0, 0x10));
    assertFalse(Seq.lt(0x10, 0xffff_fff0));
    assertTrue(Seq.lt(0x7fff_fff0, 0x8000_0010));
    assertTrue(Seq.le(5, 5));
    assertEquals(32, Seq.diff(0x10, 0xffff_fff0));
  }

  @Test
  void seq_unwrapFindsTheNearestOffset() {
    long seed = 3;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 100_000; i++) {
      int isn = rnd.nextInt();
      long near = rnd.nextLong(1L << 40);
      long offset = near + rnd.nextLong(-(1L << 30), 1L << 30);
      if (offset < 0) {
        continue;
      }
      int wire = Seq.wrap(isn, offset);
      assertEquals(offset, Seq.unwrap(wire, isn, near), "seed " + seed + " iteration " + i);
    }
  }
}
