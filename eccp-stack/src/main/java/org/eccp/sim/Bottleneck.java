package org.eccp.sim;

/**
 * A rate-limited link with a tail-drop queue in front of it, as a token-bucket shaper (Linux
 * {@code tbf}) makes one: packets leave one after another at the link rate, and a packet that
 * does not fit in the queue is dropped.
 */
final class Bottleneck {
  /** Bytes of IP and UDP header that a packet carries beyond its ECCP bytes. */
  static final int IP_OVERHEAD = 28;

  private final long bitsPerSecond;
  private final int queueBytes;
  /** When the link finishes sending what it holds, in virtual nanoseconds. */
  private long busyUntil;

  Bottleneck(long bitsPerSecond, int queueBytes) {
    if (bitsPerSecond <= 0 || queueBytes <= 0) {
      throw new IllegalArgumentException("a bottleneck needs a positive rate and queue, not "
          + bitsPerSecond + " bit/s and " + queueBytes + " bytes");
    }
    this.bitsPerSecond = bitsPerSecond;
    this.queueBytes = queueBytes;
  }

  /**
   * Queues a packet of {@code bytes} at {@code now}; returns when its last bit leaves, or -1 when
   * the queue is full and the packet is dropped.
   */
  long admit(long now, int bytes) {
    long start = Math.max(now, busyUntil);
    long queued = (start - now) * bitsPerSecond / 8_000_000_000L;
    long size = bytes + IP_OVERHEAD;
    if (queued + size > queueBytes) {
      return -1;
    }
    busyUntil = start + size * 8_000_000_000L / bitsPerSecond;
    return busyUntil;
  }
}
