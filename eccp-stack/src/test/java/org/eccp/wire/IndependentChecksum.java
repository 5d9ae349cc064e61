package org.eccp.wire;

/** A byte-by-byte internet checksum, written apart from the codec to verify it. */
final class IndependentChecksum {
  private IndependentChecksum() {}

  /** Returns the folded ones' complement sum of big-endian 16-bit words (not complemented). */
  static int sum(byte[] bytes, int from, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      int high = bytes[from + i] & 0xff;
      int low = i + 1 < length ? bytes[from + i + 1] & 0xff : 0;
      sum += (high << 8) | low;
    }
    return fold(sum);
  }

  static int fold(long sum) {
    while (sum > 0xffff) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }
}
