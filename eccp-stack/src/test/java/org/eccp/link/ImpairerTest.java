package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImpairerTest {
  private static final long MS = 1_000_000L;

  private static Impairer with(Impairment settings) {
    Impairer impairer = new Impairer();
    impairer.update(settings);
    return impairer;
  }

  @Test
  void noImpairmentSendsOnceAtOnce() {
    Impairer.Decision d = with(Impairment.NONE).decide(5_000, 100, new Impairer.Decision());

    assertEquals(1, d.copies());
    assertEquals(5_000, d.departure(0));
  }

  @Test
  void lossDropsTheSeededShare() {
    for (long seed : new long[] {1, 2, 3}) {
      Impairer impairer = with(new Impairment(0, 0, 0.3, 0, 0, 0, seed));
      Impairer.Decision d = new Impairer.Decision();
      int dropped = 0;
      for (int i = 0; i < 10_000; i++) {
        dropped += impairer.decide(i, 100, d).copies() == 0 ? 1 : 0;
      }
      assertTrue(dropped > 2_700 && dropped < 3_300, "seed " + seed + " dropped " + dropped);
    }
  }

  @Test
  void sameSeedRepeatsDecisions() {
    Impairment settings = new Impairment(10, 5, 0.2, 0.1, 0.1, 0, 42);
    Impairer first = with(settings);
    Impairer second = with(settings);
    Impairer.Decision a = new Impairer.Decision();
    Impairer.Decision b = new Impairer.Decision();
    for (int i = 0; i < 1_000; i++) {
      first.decide(i * MS, 100, a);
      second.decide(i * MS, 100, b);
      assertEquals(a.copies(), b.copies(), "packet " + i);
      for (int c = 0; c < a.copies(); c++) {
        assertEquals(a.departure(c), b.departure(c), "packet " + i + " copy " + c);
      }
    }
  }

  @Test
  void duplicationSendsTwoCopies() {
    Impairer.Decision d = with(new Impairment(0, 0, 0, 1, 0, 0, 7))
        .decide(0, 100, new Impairer.Decision());

    assertEquals(2, d.copies());
  }

  @Test
  void delayAndJitterStayInRange() {
    Impairer impairer = with(new Impairment(20, 5, 0, 0, 0, 0, 9));
    Impairer.Decision d = new Impairer.Decision();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 5_000; i++) {
      long delay = impairer.decide(1_000 * MS, 100, d).departure(0) - 1_000 * MS;
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }

    assertTrue(min >= 15 * MS && min < 16 * MS, "smallest delay " + min);
    assertTrue(max <= 25 * MS && max > 24 * MS, "largest delay " + max);
  }

  @Test
  void reorderedPacketSkipsDelay() {
    Impairer.Decision d = with(new Impairment(50, 0, 0, 0, 1, 0, 3))
        .decide(777, 100, new Impairer.Decision());

    assertEquals(777, d.departure(0));
  }

  @Test
  void rateQueuesPacketsBehindEachOther() {
    Impairer impairer = with(new Impairment(0, 0, 0, 0, 0, 8, 0));
    Impairer.Decision d = new Impairer.Decision();

    long first = impairer.decide(0, 1000, d).departure(0);
    long second = impairer.decide(0, 1000, d).departure(0);

    assertEquals(1 * MS, first, "1000 bytes at 8 Mbit/s take 1 ms");
    assertEquals(2 * MS, second);
  }
}
