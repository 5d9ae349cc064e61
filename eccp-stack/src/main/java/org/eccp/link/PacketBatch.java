package org.eccp.link;

/**
 * The positions of several ECCP packets in one off-heap buffer, to hand to {@link
 * Link#sendBatch} together. Each packet needs the link's headroom free in front of it. Packets
 * that lie back to back with equal lengths (the last may be shorter) can leave in one system
 * call as one UDP GSO datagram. Reused; one per sending thread.
 */
public final class PacketBatch {
  private final long[] offsets;
  private final int[] lengths;
  private int count;

  public PacketBatch(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("invalid batch capacity " + capacity + ": use 1 or more");
    }
    offsets = new long[capacity];
    lengths = new int[capacity];
  }

  /** Adds the packet of {@code length} bytes at {@code offset}. */
  public void add(long offset, int length) {
    if (count == offsets.length) {
      throw new IllegalStateException("the batch is full at " + count + " packets");
    }
    offsets[count] = offset;
    lengths[count] = length;
    count++;
  }

  public void clear() {
    count = 0;
  }

  public int count() {
    return count;
  }

  public boolean isFull() {
    return count == offsets.length;
  }

  public long offset(int i) {
    return offsets[i];
  }

  public int length(int i) {
    return lengths[i];
  }
}
