package org.eccp.tcplite.wire;

import java.util.List;

/**
 * A tcp-lite segment header as a value (see docs/tcp-lite.md). Sequence numbers, the
 * acknowledgement and the timestamps are 32-bit and compare with {@link Seq}; ports are 0..65535;
 * the window counts bytes.
 *
 * @param srcPort the sender's port
 * @param dstPort the receiver's port
 * @param seq sequence number of the first payload byte, or of the SYN or FIN
 * @param ack next sequence number the sender expects (valid with {@link Flags#ACK})
 * @param window bytes the sender can take beyond {@code ack}, unsigned
 * @param flags {@link Flags} bits
 * @param tsVal the sender's clock in microseconds, for round-trip samples
 * @param tsEcr the {@code tsVal} of the last segment received on this flow, echoed back
 * @param sacks up to {@link Segment#MAX_SACK_BLOCKS} blocks of data held beyond {@code ack}
 */
public record SegmentHeader(int srcPort, int dstPort, int seq, int ack, int window, int flags,
    int tsVal, int tsEcr, List<SackBlock> sacks) {

  public SegmentHeader {
    if (srcPort < 0 || srcPort > 0xffff || dstPort < 0 || dstPort > 0xffff) {
      throw new IllegalArgumentException("ports must be 0..65535, not " + srcPort + "/" + dstPort);
    }
    if (flags < 0 || flags > 0xff) {
      throw new IllegalArgumentException("flags must fit 8 bits, not " + flags);
    }
    sacks = List.copyOf(sacks);
    if (sacks.size() > Segment.MAX_SACK_BLOCKS) {
      throw new IllegalArgumentException("at most " + Segment.MAX_SACK_BLOCKS + " SACK blocks");
    }
  }

  /** True when all bits of {@code flag} are set. */
  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  /** Returns the header length in bytes. */
  public int length() {
    return Segment.FIXED_LENGTH + Segment.SACK_BLOCK_LENGTH * sacks.size();
  }

  @Override
  public String toString() {
    return srcPort + ">" + dstPort + " " + Flags.describe(flags) + " seq="
        + Integer.toUnsignedString(seq) + " ack=" + Integer.toUnsignedString(ack) + " win="
        + Integer.toUnsignedString(window) + (sacks.isEmpty() ? "" : " sack=" + sacks);
  }
}
