package org.eccp.wire;

/**
 * Serial-number arithmetic on 32-bit connection versions (RFC 1982, SERIAL_BITS = 32).
 *
 * <p>{@code a} is newer than {@code b} when {@code 0 < (a - b) mod 2^32 < 2^31}. Two versions
 * exactly 2^31 apart are undefined by RFC 1982: neither is newer than the other here.
 */
public final class Versions {
  private Versions() {}

  /** True when {@code a} is newer than {@code b}, wrapping at 2^32. */
  public static boolean isNewer(int a, int b) {
    return a - b > 0;
  }

  /** Returns the version after {@code v}, wrapping from 2^32 - 1 to 0. */
  public static int next(int v) {
    return v + 1;
  }
}
