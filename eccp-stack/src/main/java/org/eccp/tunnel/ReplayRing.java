package org.eccp.tunnel;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Copies of the inner packets sent most recently, with their send times, to send again after the
 * peer moved. The packets sent to its old address in the meantime are lost, and without the
 * copies the inner TCP would wait for its retransmission timer. The newest
 * packet overwrites the oldest. Each slot keeps headroom for the outer headers, so a packet is
 * sent again from its slot. Used by the outbound thread only.
 */
final class ReplayRing implements AutoCloseable {
  private final Bytes<?> slots;
  private final int slotSize;
  private final int headroom;
  private final int[] lengths;
  private final long[] sentAt;
  private int next;
  private int count;

  ReplayRing(int capacity, int headroom, int maxPacket) {
    this.slotSize = headroom + maxPacket;
    this.headroom = headroom;
    this.lengths = new int[capacity];
    this.sentAt = new long[capacity];
    this.slots = Bytes.allocateDirect((long) capacity * slotSize);
    slots.singleThreadedCheckDisabled(true);
  }

  /** Keeps a copy of a packet sent at {@code now}; a packet too long for a slot is not kept. */
  void add(BytesStore<?, ?> from, long start, int length, long now) {
    if (length > slotSize - headroom) {
      return;
    }
    slots.write(offset(next), from, start, length);
    lengths[next] = length;
    sentAt[next] = now;
    next = (next + 1) % lengths.length;
    count = Math.min(count + 1, lengths.length);
  }

  /**
   * Returns the slot of the {@code i}-th kept packet, oldest first ({@code 0 <= i < size()}).
   */
  int slotOf(int i) {
    int oldest = (next - count + lengths.length) % lengths.length;
    return (oldest + i) % lengths.length;
  }

  int size() {
    return count;
  }

  long sentAt(int slot) {
    return sentAt[slot];
  }

  int length(int slot) {
    return lengths[slot];
  }

  /** Returns the offset of a slot's packet in {@link #buffer()}, with the headroom in front. */
  long offset(int slot) {
    return (long) slot * slotSize + headroom;
  }

  Bytes<?> buffer() {
    return slots;
  }

  /** Forgets every kept packet. */
  void clear() {
    count = 0;
  }

  @Override
  public void close() {
    slots.releaseLast();
  }
}
