package org.eccp.tunnel;

import java.util.concurrent.atomic.AtomicLong;

/** Per-flow counts of the data path, kept across copies of the flows; readable from any thread. */
public final class FlowStats {
  public final AtomicLong sentPackets = new AtomicLong();
  public final AtomicLong sentBytes = new AtomicLong();
  public final AtomicLong receivedPackets = new AtomicLong();
  public final AtomicLong receivedBytes = new AtomicLong();
  /** The round-trip time of the newest answered echo in microseconds, -1 before the first. */
  public volatile long rttMicros = -1;
  /** System.nanoTime() of the newest echo reply, or of the first echo while none came back. */
  public volatile long lastReplyNanos = -1;
  /** Whether the warning about unanswered echoes was logged since the last reply. */
  boolean warnedUnanswered;
}
