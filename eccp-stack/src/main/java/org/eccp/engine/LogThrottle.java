package org.eccp.engine;

/**
 * Counts repeated events and decides when one log line for them is due: at most one per interval,
 * carrying the count since the previous line. Time comes in as {@code now} (nanoseconds).
 */
final class LogThrottle {
  private final long intervalNanos;
  private long pending;
  private long loggedAt;
  private boolean logged;

  LogThrottle(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** Records one event; returns the events to report in a line due now, or 0 when none is due. */
  long record(long now) {
    pending++;
    if (logged && now - loggedAt < intervalNanos) {
      return 0;
    }
    long count = pending;
    pending = 0;
    loggedAt = now;
    logged = true;
    return count;
  }
}
