package org.eccp.link;

import java.util.SplittableRandom;

/**
 * Decides, from an {@link Impairment} and a seeded random source, what happens to each sent
 * packet: dropped, or sent once or twice at some departure time. Holds no clock: the caller
 * passes {@code now}. Not thread-safe.
 *
 * <p>The knobs act like Linux netem's: loss first, then duplication; the delay is
 * {@code delay ± jitter} (uniform, never below 0); a reordered packet skips the delay; the rate
 * limit queues packets so that each leaves after the previous one's transmission time.
 */
public final class Impairer {
  private Impairment settings = Impairment.NONE;
  private SplittableRandom random = new SplittableRandom(0);
  private long rateFreeAt = Long.MIN_VALUE;

  /** The decision for one packet: how many copies and when each leaves (nanoseconds). */
  public static final class Decision {
    private int copies;
    private final long[] departures = new long[2];

    public int copies() {
      return copies;
    }

    public long departure(int copy) {
      return departures[copy];
    }
  }

  /** Switches to new settings; a new seed restarts the random sequence from that seed. */
  public void update(Impairment next) {
    if (next.seed() != settings.seed()) {
      random = new SplittableRandom(next.seed());
    }
    settings = next;
  }

  public Impairment settings() {
    return settings;
  }

  /** Fills {@code into} for a packet of {@code length} bytes sent at {@code now}. */
  public Decision decide(long now, int length, Decision into) {
    Impairment s = settings;
    if (s.loss() > 0 && random.nextDouble() < s.loss()) {
      into.copies = 0;
      return into;
    }
    into.copies = s.dup() > 0 && random.nextDouble() < s.dup() ? 2 : 1;
    for (int i = 0; i < into.copies; i++) {
      into.departures[i] = departure(s, now, length);
    }
    return into;
  }

  private long departure(Impairment s, long now, int length) {
    long at = now;
    boolean reordered = s.reorder() > 0 && random.nextDouble() < s.reorder();
    if (!reordered && (s.delayMs() > 0 || s.jitterMs() > 0)) {
      double ms = s.delayMs() + s.jitterMs() * (2 * random.nextDouble() - 1);
      at += (long) (Math.max(0, ms) * 1e6);
    }
    if (s.rateMbit() > 0) {
      long transmit = (long) (length * 8 * 1e3 / s.rateMbit());
      at = Math.max(at, rateFreeAt) + transmit;
      rateFreeAt = at;
    }
    return at;
  }
}
