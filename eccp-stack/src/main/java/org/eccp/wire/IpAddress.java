package org.eccp.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as an immutable value, cheap to compare and hash.
 *
 * <p>The 128 bits sit in two longs; an IPv4 address uses the low 32 bits of {@code low}. The
 * engine stores addresses in this form so that its state can be copied and hashed without
 * touching {@link InetAddress}.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final boolean v6;
  private final long high;
  private final long low;

  private IpAddress(boolean v6, long high, long low) {
    this.v6 = v6;
    this.high = high;
    this.low = low;
  }

  /** Returns the IPv4 address whose bits are the given int, most significant byte first. */
  public static IpAddress v4(int bits) {
    return new IpAddress(false, 0, bits & 0xffffffffL);
  }

  /** Returns the IPv6 address with the given high and low 64 bits. */
  public static IpAddress v6(long high, long low) {
    return new IpAddress(true, high, low);
  }

  /** Returns the address in 4 or 16 bytes, network order. */
  public static IpAddress of(byte[] bytes) {
    if (bytes.length == 4) {
      return v4(readInt(bytes, 0));
    }
    if (bytes.length == 16) {
      return v6(((long) readInt(bytes, 0) << 32) | (readInt(bytes, 4) & 0xffffffffL),
          ((long) readInt(bytes, 8) << 32) | (readInt(bytes, 12) & 0xffffffffL));
    }
    throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
  }

  /** Parses a literal such as {@code 198.18.0.1} or {@code fd00::1}; host names are rejected. */
  public static IpAddress parse(String literal) {
    if (literal == null || literal.isEmpty() || !(literal.contains(".") || literal.contains(":"))
        || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      throw new IllegalArgumentException(
          "invalid IP address '" + literal + "': expected a literal such as 198.18.0.1 or fd00::1");
    }
    try {
      return of(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid IP address '" + literal
          + "': expected a literal such as 198.18.0.1 or fd00::1", e);
    }
  }

  public boolean isV6() {
    return v6;
  }

  /** Returns 4 or 16. */
  public int length() {
    return v6 ? 16 : 4;
  }

  /** Returns the IPv4 address as an int; only for IPv4 addresses. */
  public int v4Bits() {
    if (v6) {
      throw new IllegalStateException("not an IPv4 address: " + this);
    }
    return (int) low;
  }

  public long high() {
    return high;
  }

  public long low() {
    return low;
  }

  /** Returns the address in network order, 4 or 16 bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[length()];
    if (v6) {
      writeInt(out, 0, (int) (high >>> 32));
      writeInt(out, 4, (int) high);
      writeInt(out, 8, (int) (low >>> 32));
      writeInt(out, 12, (int) low);
    } else {
      writeInt(out, 0, (int) low);
    }
    return out;
  }

  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always a valid address", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && v6 == other.v6 && high == other.high && low == other.low;
  }

  @Override
  public int hashCode() {
    long h = high * 0x9E3779B97F4A7C15L + low + (v6 ? 1 : 0);
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    if (!v6) {
      return ((low >>> 24) & 0xff) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "."
          + (low & 0xff);
    }
    return v6Text(high, low);
  }

  /**
   * Formats an IPv6 address in the RFC 5952 form, as ip(8) and tcpdump print it: lower-case hex,
   * leading zeros dropped, the longest run of two or more zero groups (the first of equal runs)
   * as "::".
   */
  private static String v6Text(long high, long low) {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
