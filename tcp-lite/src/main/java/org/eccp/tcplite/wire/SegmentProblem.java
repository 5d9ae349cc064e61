package org.eccp.tcplite.wire;

/** The reason a received segment is malformed; each has a drop counter in the engine. */
public enum SegmentProblem {
  /** Fewer bytes than the fixed header. */
  TRUNCATED,
  /** More SACK blocks than {@link Segment#MAX_SACK_BLOCKS}. */
  TOO_MANY_SACK_BLOCKS,
  /** The SACK blocks do not fit in the bytes present. */
  SACK_TRUNCATED,
  /** A SACK block whose end is not after its start, or spans 2^31 bytes or more. */
  BAD_SACK_BLOCK,
  /** SYN and RST together, or a SYN that carries data. */
  BAD_FLAGS
}
