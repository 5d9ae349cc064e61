package org.eccp.tcplite;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The segments sent and not yet cumulatively acknowledged, in stream order, with which are held
 * by the peer (SACK), which count as lost and which are in flight on which flow.
 */
final class Scoreboard {
  private final ArrayDeque<SentSegment> segments = new ArrayDeque<>();
  private int lostCount;

  boolean isEmpty() {
    return segments.isEmpty();
  }

  int size() {
    return segments.size();
  }

  SentSegment first() {
    return segments.peekFirst();
  }

  void add(SentSegment s) {
    segments.addLast(s);
  }

  Iterable<SentSegment> all() {
    return segments;
  }

  /**
   * Removes every segment that ends at or before {@code ackOffset}. {@code delivered} receives
   * each one not reported delivered before. Returns true when any was removed.
   */
  boolean ackUpTo(long ackOffset, Consumer<SentSegment> delivered) {
    boolean any = false;
    while (!segments.isEmpty() && segments.peekFirst().end() <= ackOffset) {
      SentSegment s = segments.pollFirst();
      if (s.lost) {
        lostCount--;
      }
      if (!s.sacked) {
        delivered.accept(s);
      }
      any = true;
    }
    return any;
  }

  /**
   * Marks the segments inside [start, end) as held by the peer. {@code delivered} receives each
   * one first, while its lost flag still shows whether it was in flight.
   */
  void sack(long start, long end, Consumer<SentSegment> delivered) {
    for (SentSegment s : segments) {
      if (s.start >= end) {
        break;
      }
      if (s.start >= start && s.end() <= end && !s.sacked) {
        delivered.accept(s);
        if (s.lost) {
          s.lost = false;
          lostCount--;
        }
        s.sacked = true;
      }
    }
  }

  /** Counts the segment lost; the caller takes it out of its flow's bytes in flight. */
  void markLost(SentSegment s) {
    if (!s.lost && !s.sacked) {
      s.lost = true;
      lostCount++;
    }
  }

  /** Returns the first segment that waits for a retransmission, or null. */
  SentSegment firstLost() {
    if (lostCount == 0) {
      return null;
    }
    for (SentSegment s : segments) {
      if (s.lost) {
        return s;
      }
    }
    return null;
  }

  void retransmitted(SentSegment s) {
    if (s.lost) {
      s.lost = false;
      lostCount--;
    }
  }

  Iterator<SentSegment> iterator() {
    return segments.iterator();
  }
}
