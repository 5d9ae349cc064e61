package org.eccp.tcplite.wire;

/**
 * One SACK block: the receiver holds the bytes from {@code start} up to, not including,
 * {@code end} (32-bit sequence numbers, {@code start} before {@code end}).
 */
public record SackBlock(int start, int end) {
  /** Returns the block's length in bytes. */
  public int length() {
    return end - start;
  }

  @Override
  public String toString() {
    return Integer.toUnsignedString(start) + "-" + Integer.toUnsignedString(end);
  }
}
