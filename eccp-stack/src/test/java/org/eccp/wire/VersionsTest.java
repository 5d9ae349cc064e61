package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void largerIsNewerWithoutWrap() {
    assertTrue(Versions.isNewer(2, 1));
    assertFalse(Versions.isNewer(1, 2));
    assertFalse(Versions.isNewer(7, 7));
  }

  @Test
  void wrapAroundZeroIsNewer() {
    assertTrue(Versions.isNewer(0, -1));
    assertTrue(Versions.isNewer(5, 0xfffffff0));
    assertFalse(Versions.isNewer(0xfffffff0, 5));
    assertTrue(Versions.isNewer(Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void farthestNewerIsJustBelowHalfTheSpace() {
    assertTrue(Versions.isNewer(0x7fffffff, 0));
    assertFalse(Versions.isNewer(0, 0x7fffffff));
    assertTrue(Versions.isNewer(0x7ffffffe, 0xffffffff));
  }

  @Test
  void halfSpaceApartIsUndefined() {
    assertFalse(Versions.isNewer(0x80000000, 0));
    assertFalse(Versions.isNewer(0, 0x80000000));
    assertFalse(Versions.isNewer(0xc0000000, 0x40000000));
  }

  @Test
  void nextIsNewerEverywhere() {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      int v = r.nextInt();
      assertTrue(Versions.isNewer(Versions.next(v), v), "seed " + seed + ", version " + v);
      assertFalse(Versions.isNewer(v, Versions.next(v)), "seed " + seed + ", version " + v);
    }
    assertTrue(Versions.isNewer(Versions.next(-1), -1));
  }

  @Test
  void matchesTheRfc1982DefinitionOnRandomPairs() {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      int a = r.nextInt();
      int b = r.nextBoolean() ? r.nextInt() : a + r.nextInt(5) - 2;
      long distance = (a - (long) b) & 0xffffffffL;
      boolean expected = distance > 0 && distance < (1L << 31);
      if (expected != Versions.isNewer(a, b)) {
        throw new AssertionError("seed " + seed + ": isNewer(" + a + ", " + b + ")");
      }
    }
  }
}
