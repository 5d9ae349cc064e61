package org.eccp.link;

import java.util.concurrent.atomic.AtomicLong;

/** Packet counters of one link; the sender and receiver threads both update them. */
public final class LinkCounters {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong received = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong foreign = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong echoReplies = new AtomicLong();

  public long sent() {
    return sent.get();
  }

  public long received() {
    return received.get();
  }

  /** Returns the received packets whose outer headers failed validation. */
  public long malformed() {
    return malformed.get();
  }

  /** Returns the received packets that were valid but not ECCP (other protocol or port). */
  public long foreign() {
    return foreign.get();
  }

  /** Returns the packets dropped on purpose: by an impairment, or sent on a closed link. */
  public long dropped() {
    return dropped.get();
  }

  /** Returns the ICMP echo requests that the link answered itself (TUN links only). */
  public long echoReplies() {
    return echoReplies.get();
  }

  @Override
  public String toString() {
    return "sent " + sent() + ", received " + received() + ", malformed " + malformed()
        + ", foreign " + foreign() + ", dropped " + dropped();
  }
}
