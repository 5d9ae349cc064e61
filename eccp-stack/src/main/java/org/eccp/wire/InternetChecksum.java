package org.eccp.wire;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * The internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * big-endian words. Sums are kept unfolded in a long and folded once by {@link #finish}.
 */
public final class InternetChecksum {
  private InternetChecksum() {}

  /**
   * Adds {@code length} bytes from {@code at} to a running sum. An odd last byte counts as the
   * high byte of a word padded with zero, so only the last range summed may have an odd length.
   */
  public static long add(long sum, BytesStore<?, ?> store, long at, int length) {
    long end = at + length;
    for (; at + 8 <= end; at += 8) {
      long words = NetworkBytes.i64(store, at);
      sum += (words >>> 32) + (words & 0xffffffffL);
    }
    if (at + 4 <= end) {
      sum += NetworkBytes.i32(store, at) & 0xffffffffL;
      at += 4;
    }
    if (at + 2 <= end) {
      sum += NetworkBytes.u16(store, at);
      at += 2;
    }
    if (at < end) {
      sum += NetworkBytes.u8(store, at) << 8;
    }
    return sum;
  }

  /**
   * Adds the pseudo-header that UDP sums over: source and destination addresses, the protocol
   * and the upper-layer length (RFC 768 for IPv4, RFC 8200 section 8.1 for IPv6).
   */
  public static long addPseudoHeader(long sum, IpAddress source, IpAddress destination,
      int protocol, int upperLayerLength) {
    sum += addressSum(source) + addressSum(destination);
    return sum + protocol + (upperLayerLength & 0xffffffffL);
  }

  /** Returns the unfolded sum of an address's 16-bit words, for a pseudo-header. */
  public static long addressSum(IpAddress a) {
    if (!a.isV6()) {
      return a.v4Bits() & 0xffffffffL;
    }
    return (a.high() >>> 32) + (a.high() & 0xffffffffL) + (a.low() >>> 32)
        + (a.low() & 0xffffffffL);
  }

  /** Folds a sum to 16 bits and returns its ones' complement, the value to put on the wire. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /** Returns the checksum of one range of bytes. */
  public static int of(BytesStore<?, ?> store, long at, int length) {
    return finish(add(0, store, at, length));
  }
}
