package org.eccp.tcplite;

/** One segment sent and not yet cumulatively acknowledged; its range never changes once sent. */
final class SentSegment {
  /** Stream offset of the first byte (0 is the SYN). */
  long start;
  /** Sequence space taken: payload bytes, or 1 for a SYN or FIN. */
  int length;
  boolean syn;
  boolean fin;
  /** The flow of the last transmission, and its transmission number on that flow. */
  Path path;
  long pathSeq;
  long sentAt;
  int transmissions;
  /** True once a SACK block covers it. */
  boolean sacked;
  /** Counted lost: waits for a retransmission and is not in flight. */
  boolean lost;

  SentSegment(long start, int length) {
    this.start = start;
    this.length = length;
  }

  long end() {
    return start + length;
  }

  int payloadLength() {
    return syn || fin ? 0 : length;
  }

  boolean inFlight() {
    return !sacked && !lost;
  }
}
