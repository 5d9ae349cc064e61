package org.eccp.stack;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the runtime around the engine; the receiver and loop threads both update them. */
public final class StackCounters {
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong queueFull = new AtomicLong();
  final AtomicLong sendErrors = new AtomicLong();
  final AtomicLong oversize = new AtomicLong();
  final AtomicLong taskErrors = new AtomicLong();

  /** Returns the received packets whose ECCP header failed validation. */
  public long malformed() {
    return malformed.get();
  }

  /** Returns the received packets dropped because the event loop's queue was full. */
  public long queueFull() {
    return queueFull.get();
  }

  /** Returns the packets that the link failed to send (for example no route to the peer). */
  public long sendErrors() {
    return sendErrors.get();
  }

  /** Returns the packets too long for the send buffer. */
  public long oversize() {
    return oversize.get();
  }

  /** Returns the loop tasks and callbacks that threw; each is logged and the loop goes on. */
  public long taskErrors() {
    return taskErrors.get();
  }

  @Override
  public String toString() {
    return "malformed " + malformed() + ", queue full " + queueFull() + ", send errors "
        + sendErrors() + ", oversize " + oversize() + ", task errors " + taskErrors();
  }
}
