package org.eccp.tunnel;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. The caller
 * passes the time ({@link System#nanoTime()} scale); not thread-safe.
 */
final class RateLimit {
  private static final long SECOND = 1_000_000_000L;
  private final long nanosPerToken;
  private final long burstNanos;
  /** The time at which the bucket is empty; the bucket is full from {@code now - burstNanos}. */
  private long emptyAt;
  private boolean started;

  RateLimit(int perSecond, int burst) {
    this.nanosPerToken = SECOND / perSecond;
    this.burstNanos = nanosPerToken * burst;
  }

  /** Takes one token and returns true, or returns false when the bucket is empty. */
  boolean tryTake(long now) {
    if (!started || now - emptyAt > burstNanos) {
      emptyAt = now - burstNanos;
      started = true;
    }
    if (now - emptyAt < nanosPerToken) {
      return false;
    }
    emptyAt += nanosPerToken;
    return true;
  }
}
