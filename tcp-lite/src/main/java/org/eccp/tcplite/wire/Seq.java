package org.eccp.tcplite.wire;

/**
 * Serial-number arithmetic on 32-bit sequence numbers (RFC 1982): two numbers compare by their
 * signed 32-bit difference, which is right while they lie less than 2^31 apart.
 */
public final class Seq {
  private Seq() {}

  /** True when {@code a} comes before {@code b}. */
  public static boolean lt(int a, int b) {
    return a - b < 0;
  }

  /** True when {@code a} comes before or is {@code b}. */
  public static boolean le(int a, int b) {
    return a - b <= 0;
  }

  /** Returns {@code b - a} as a signed distance. */
  public static int diff(int b, int a) {
    return b - a;
  }

  /**
   * Unwraps a 32-bit sequence number to the 64-bit stream offset nearest to {@code near}, where
   * offsets count from {@code isn}. This is how the engine keeps 64-bit offsets inside while the
   * wire carries 32 bits.
   */
  public static long unwrap(int wire, int isn, long near) {
    int nearWire = (int) (isn + near);
    return near + (wire - nearWire);
  }

  /** Returns the 32-bit sequence number of stream offset {@code offset}. */
  public static int wrap(int isn, long offset) {
    return (int) (isn + offset);
  }
}
