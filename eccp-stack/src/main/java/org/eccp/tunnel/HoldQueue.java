package org.eccp.tunnel;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Inner packets read while no flow can send (a host between two addresses), kept in
 * preallocated slots and sent, oldest first, once a flow is back, so that a move costs the
 * inner TCP less than a retransmission timeout. Each slot has the headroom for the outer headers
 * in front of the packet, so a held packet is sent from its slot without another copy. Used by
 * the outbound thread only; {@link #size()} may be read from any thread.
 */
final class HoldQueue implements AutoCloseable {
  private final Bytes<?> slots;
  private final int slotSize;
  private final int headroom;
  private final int[] lengths;
  private int head;
  private volatile int size;

  /**
   * @param capacity how many packets to hold
   * @param headroom bytes in front of each packet for the ECCP and outer headers
   * @param maxPacket the longest packet held
   */
  HoldQueue(int capacity, int headroom, int maxPacket) {
    this.slotSize = headroom + maxPacket;
    this.headroom = headroom;
    this.lengths = new int[capacity];
    this.slots = Bytes.allocateDirect((long) capacity * slotSize);
    slots.singleThreadedCheckDisabled(true);
  }

  int size() {
    return size;
  }

  /** Copies the packet into a free slot; false when the queue is full or the packet too long. */
  boolean hold(BytesStore<?, ?> from, long start, int length) {
    int n = size;
    if (n == lengths.length || length > slotSize - headroom) {
      return false;
    }
    int slot = (head + n) % lengths.length;
    slots.write((long) slot * slotSize + headroom, from, start, length);
    lengths[slot] = length;
    size = n + 1;
    return true;
  }

  /** Returns the oldest packet's offset in {@link #buffer()} (headroom in front), or -1. */
  long peekOffset() {
    return size == 0 ? -1 : (long) head * slotSize + headroom;
  }

  int peekLength() {
    return lengths[head];
  }

  /** Removes the oldest packet. */
  void pop() {
    head = (head + 1) % lengths.length;
    size = size - 1;
  }

  Bytes<?> buffer() {
    return slots;
  }

  @Override
  public void close() {
    slots.releaseLast();
  }
}
