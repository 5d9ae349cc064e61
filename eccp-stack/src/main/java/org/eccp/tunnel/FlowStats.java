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
}
