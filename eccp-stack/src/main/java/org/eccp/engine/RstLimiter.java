package org.eccp.engine;

/** A token bucket for RSTs to unknown flows: {@code rstPerSecond}, bursts of {@code rstBurst}. */
final class RstLimiter {
  private static final long SECOND = 1_000_000_000L;
  private final long rate;
  private final long capacity;
  /** Tokens in units of 1/10^9 of a token. */
  private long tokens;
  private long last;
  private boolean started;

  RstLimiter(EngineConfig config) {
    this.rate = config.rstPerSecond();
    this.capacity = config.rstBurst() * SECOND;
    this.tokens = capacity;
  }

  private RstLimiter(RstLimiter o) {
    rate = o.rate;
    capacity = o.capacity;
    tokens = o.tokens;
    last = o.last;
    started = o.started;
  }

  RstLimiter copy() {
    return new RstLimiter(this);
  }

  /** Takes one token at time {@code now}; false when the bucket is empty. */
  boolean take(long now) {
    if (started && now > last) {
      long elapsed = now - last;
      long add = elapsed > Long.MAX_VALUE / Math.max(1, rate) ? capacity : elapsed * rate;
      tokens = Math.min(capacity, tokens + add);
    }
    started = true;
    last = Math.max(last, now);
    if (tokens < SECOND) {
      return false;
    }
    tokens -= SECOND;
    return true;
  }
}
