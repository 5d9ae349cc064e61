package org.eccp.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gap and recovery of a move, on made-up counter samples taken every 2 ms. */
class MoveFiguresTest {
  private static final long MS = 1_000_000L;

  /**
   * Samples every 2 ms for {@code millis}: {@code rate} bytes per ms, none from {@code stopAt}
   * to {@code resumeAt}, and {@code slowRate} for {@code slowMillis} after that.
   */
  private static long[][] series(int millis, long rate, long stopAt, long resumeAt,
      long slowRate, long slowMillis) {
    int n = millis / 2 + 1;
    long[] t = new long[n];
    long[] b = new long[n];
    for (int i = 1; i < n; i++) {
      long ms = 2L * i;
      t[i] = ms * MS;
      long perMs = ms > stopAt && ms <= resumeAt ? 0
          : ms > resumeAt && ms <= resumeAt + slowMillis ? slowRate : rate;
      b[i] = b[i - 1] + 2 * perMs;
    }
    return new long[][] {t, b};
  }

  @Test
  void gap_spansTheStallOfTheMove() {
    long[][] s = series(2000, 1000, 1000, 1080, 1000, 0);
    MoveFigures.Gap g = MoveFigures.gap(s[0], s[1], 990 * MS, 1010 * MS, 2000 * MS);
    assertEquals(82, g.millis(), 1e-9);
    assertEquals(1000 * MS, g.startNanos());
    assertFalse(g.censored());
  }

  @Test
  void gap_ignoresLaterStall() {
    long[][] s = series(2000, 1000, 1500, 1700, 1000, 0);
    MoveFigures.Gap g = MoveFigures.gap(s[0], s[1], 990 * MS, 1010 * MS, 2000 * MS);
    assertEquals(2, g.millis(), 1e-9);
  }

  @Test
  void gap_stillOpenAtTheEndIsCensored() {
    long[][] s = series(2000, 1000, 1000, 5000, 1000, 0);
    MoveFigures.Gap g = MoveFigures.gap(s[0], s[1], 990 * MS, 1010 * MS, 1600 * MS);
    assertTrue(g.censored());
    assertEquals(600, g.millis(), 1e-9);
  }

  @Test
  void gap_withoutSamplesIsTheWholeWindow() {
    MoveFigures.Gap g = MoveFigures.gap(new long[0], new long[0], 0, 0, 50 * MS);
    assertTrue(g.censored());
    assertEquals(50, g.millis(), 1e-9);
  }

  @Test
  void recovery_endsAtFirstFullWindow() {
    // Back at 40 % for 300 ms after an 80 ms gap, then at the full rate.
    long[][] s = series(3000, 1000, 1000, 1080, 400, 300);
    double before = MoveFigures.rate(s[0], s[1], 0, 1000 * MS);
    assertEquals(1000.0 / MS, before, 1e-12);
    double r = MoveFigures.recoveryMillis(s[0], s[1], 1000 * MS, 1000 * MS, 3000 * MS, before);
    // From 1364 to 1464 ms: 8 samples at 40 % and 42 at the full rate, 90.4 %; the window
    // one sample earlier has 89.2 %.
    assertEquals(464, r, 1e-9);
  }

  @Test
  void recovery_nanWithoutComeback() {
    long[][] s = series(2000, 1000, 1000, 1080, 500, 5000);
    double r = MoveFigures.recoveryMillis(s[0], s[1], 1000 * MS, 1000 * MS, 2000 * MS,
        1000.0 / MS);
    assertTrue(Double.isNaN(r));
  }

  @Test
  void valueAt_takesLastEarlierSample() {
    long[] t = {0, 2 * MS, 4 * MS};
    long[] b = {0, 10, 30};
    assertEquals(0, MoveFigures.valueAt(t, b, -1));
    assertEquals(10, MoveFigures.valueAt(t, b, 3 * MS));
    assertEquals(30, MoveFigures.valueAt(t, b, 100 * MS));
  }

  /** Seeded random series: the gap never exceeds the window, and never undercuts a real stall. */
  @Test
  void gap_boundsOnRandomSeries() {
    for (int seed = 0; seed < 300; seed++) {
      Random rnd = new Random(seed);
      int stop = 200 + rnd.nextInt(1000);
      int length = 2 * rnd.nextInt(200);
      long[][] s = series(2000, 1 + rnd.nextInt(5000), stop, stop + length, 1, 0);
      long to = (stop + length + 2 + rnd.nextInt(500)) * MS;
      MoveFigures.Gap g = MoveFigures.gap(s[0], s[1], (stop - 5) * MS, (stop + 5) * MS, to);
      String where = "seed " + seed;
      assertTrue(g.millis() >= length, where + ": " + g);
      assertTrue(g.millis() <= (to / MS) - (stop - 10), where + ": " + g);
    }
  }
}
