package org.eccp.tcplite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eccp.tcplite.wire.SackBlock;
import org.eccp.tcplite.wire.Seq;
import org.eccp.tcplite.wire.Segment;

/**
 * The receiving half of a connection: bytes in order for the application, segments held beyond
 * a gap, the SACK blocks that describe them, and the peer's FIN, which counts only once every
 * byte before it arrived.
 */
final class ReceiveSide {
  private final int capacity;
  private final ByteQueue ready = new ByteQueue();
  private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
  private long outOfOrderBytes;
  /** The peer's initial sequence number; valid once {@link #synced}. */
  int peerIsn;
  boolean synced;
  /** Stream offset of the next byte expected (offset 0 is the peer's SYN). */
  long next;
  /** Stream offset of the peer's FIN, or -1 while none arrived. */
  long finAt = -1;
  /** Offset of the segment that arrived last beyond a gap; its block is reported first. */
  private long lastOutOfOrder = -1;
  long duplicates;

  ReceiveSide(int capacity) {
    this.capacity = capacity;
  }

  /** Takes the peer's SYN. */
  void syn(int isn) {
    if (!synced) {
      peerIsn = isn;
      synced = true;
      next = 1;
    }
  }

  /** Unwraps a sequence number of the peer to a stream offset. */
  long offset(int seq) {
    return Seq.unwrap(seq, peerIsn, next);
  }

  /** Returns the acknowledgement number to send. */
  int ackSeq() {
    return Seq.wrap(peerIsn, next);
  }

  /** Free buffer space, the window to advertise. */
  int window() {
    return (int) Math.max(0, capacity - ready.size() - outOfOrderBytes);
  }

  /**
   * Takes the payload at stream offset {@code at}. Returns true when it was new; false for a
   * duplicate or for data that does not fit the buffer (the caller acknowledges both).
   */
  boolean data(long at, byte[] buf, int off, int len) {
    long end = at + len;
    if (end <= next || outOfOrder.containsKey(at)) {
      duplicates++;
      return false;
    }
    if (end - next > capacity - ready.size()) {
      return false;
    }
    if (at <= next) {
      int skip = (int) (next - at);
      ready.append(buf, off + skip, len - skip);
      next = end;
      drainOutOfOrder();
    } else {
      byte[] copy = new byte[len];
      System.arraycopy(buf, off, copy, 0, len);
      outOfOrder.put(at, copy);
      outOfOrderBytes += len;
      lastOutOfOrder = at;
    }
    consumeFin();
    return true;
  }

  /** Takes the peer's FIN at stream offset {@code at}; it counts once the gap before it fills. */
  void fin(long at) {
    if (finAt < 0 && at >= next) {
      finAt = at;
    }
    consumeFin();
  }

  private void consumeFin() {
    if (finAt >= 0 && next == finAt) {
      next = finAt + 1;
    }
  }

  /** True once the FIN and every byte before it arrived. */
  boolean finished() {
    return finAt >= 0 && next > finAt;
  }

  private void drainOutOfOrder() {
    while (!outOfOrder.isEmpty()) {
      Map.Entry<Long, byte[]> e = outOfOrder.firstEntry();
      long at = e.getKey();
      byte[] b = e.getValue();
      if (at > next) {
        return;
      }
      outOfOrder.pollFirstEntry();
      outOfOrderBytes -= b.length;
      long end = at + b.length;
      if (end > next) {
        int skip = (int) (next - at);
        ready.append(b, skip, b.length - skip);
        next = end;
      }
    }
  }

  int available() {
    return ready.size();
  }

  int read(byte[] dst, int off, int len) {
    return ready.read(dst, off, len);
  }

  /** Returns the SACK blocks: the one with the latest arrival first, then the lowest others. */
  List<SackBlock> sackBlocks() {
    if (outOfOrder.isEmpty()) {
      return List.of();
    }
    List<long[]> out = new ArrayList<>(Segment.MAX_SACK_BLOCKS);
    long[] latest = outOfOrder.containsKey(lastOutOfOrder) ? rangeAround(lastOutOfOrder) : null;
    if (latest != null) {
      out.add(latest);
    }
    long[] cur = null;
    for (Map.Entry<Long, byte[]> e : outOfOrder.entrySet()) {
      long s = e.getKey();
      long end = s + e.getValue().length;
      if (cur != null && s <= cur[1]) {
        cur[1] = Math.max(cur[1], end);
        continue;
      }
      if (cur != null && !same(cur, latest) && add(out, cur)) {
        break;
      }
      cur = new long[] {s, end};
    }
    if (cur != null && out.size() < Segment.MAX_SACK_BLOCKS && !same(cur, latest)) {
      out.add(cur);
    }
    List<SackBlock> blocks = new ArrayList<>(out.size());
    for (long[] r : out) {
      blocks.add(block(r));
    }
    return blocks;
  }

  /** Adds a range; returns true when the list is full. */
  private static boolean add(List<long[]> out, long[] r) {
    out.add(r);
    return out.size() == Segment.MAX_SACK_BLOCKS;
  }

  private static boolean same(long[] a, long[] b) {
    return b != null && a[0] == b[0];
  }

  /** Returns the contiguous range of held segments around the one at {@code at}. */
  private long[] rangeAround(long at) {
    long start = at;
    long end = at + outOfOrder.get(at).length;
    Map.Entry<Long, byte[]> e;
    while ((e = outOfOrder.lowerEntry(start)) != null
        && e.getKey() + e.getValue().length >= start) {
      start = e.getKey();
    }
    while ((e = outOfOrder.ceilingEntry(end)) != null && e.getKey() == end) {
      end += e.getValue().length;
    }
    return new long[] {start, end};
  }

  private SackBlock block(long[] r) {
    return new SackBlock(Seq.wrap(peerIsn, r[0]), Seq.wrap(peerIsn, r[1]));
  }
}
