package org.eccp.tunnel;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Lowers the MSS option of TCP SYNs passing through the tunnel, so that neither end sends
 * segments that would not fit the tunnel's inner MTU, and patches the TCP checksum
 * incrementally (RFC 1624). Works in place on an IPv4 or IPv6 packet whose length the caller
 * checked; IPv6 packets with extension headers and IPv4 fragments are left alone.
 */
public final class MssClamp {
  private static final int TCP = 6;
  private static final int SYN = 0x02;
  private static final int OPTION_END = 0;
  private static final int OPTION_NOP = 1;
  private static final int OPTION_MSS = 2;

  private MssClamp() {}

  /**
   * Clamps the MSS of a TCP SYN to {@code maxMss4} (IPv4) or {@code maxMss6} (IPv6).
   *
   * @return true when the packet was changed
   */
  public static boolean clamp(BytesStore<?, ?> s, long start, int length, int maxMss4,
      int maxMss6) {
    if (length < 20) {
      return false;
    }
    int version = s.readUnsignedByte(start) >>> 4;
    long tcp;
    int max;
    if (version == 4) {
      int ihl = (s.readUnsignedByte(start) & 0x0f) * 4;
      boolean fragment = (get16(s, start + 6) & 0x3fff) != 0;
      if (ihl < 20 || fragment || s.readUnsignedByte(start + 9) != TCP) {
        return false;
      }
      tcp = start + ihl;
      max = maxMss4;
    } else if (version == 6 && length >= 40 && s.readUnsignedByte(start + 6) == TCP) {
      tcp = start + 40;
      max = maxMss6;
    } else {
      return false;
    }
    return clampTcp(s, tcp, start + length, max);
  }

  private static boolean clampTcp(BytesStore<?, ?> s, long tcp, long end, int max) {
    if (tcp + 20 > end || (s.readUnsignedByte(tcp + 13) & SYN) == 0) {
      return false;
    }
    long optionsEnd = Math.min(end, tcp + (s.readUnsignedByte(tcp + 12) >>> 4) * 4L);
    long p = tcp + 20;
    while (p < optionsEnd) {
      int kind = s.readUnsignedByte(p);
      if (kind == OPTION_END) {
        return false;
      }
      if (kind == OPTION_NOP) {
        p++;
        continue;
      }
      if (p + 1 >= optionsEnd) {
        return false;
      }
      int len = s.readUnsignedByte(p + 1);
      if (len < 2 || p + len > optionsEnd) {
        return false;
      }
      if (kind == OPTION_MSS && len == 4) {
        return lower(s, tcp, p + 2, max);
      }
      p += len;
    }
    return false;
  }

  private static boolean lower(BytesStore<?, ?> s, long tcp, long at, int max) {
    int old = get16(s, at);
    if (old <= max) {
      return false;
    }
    put16(s, at, max);
    // RFC 1624, equation 3: HC' = ~(~HC + ~m + m'). A field at an odd offset straddles two
    // 16-bit words of the sum, where it counts byte-swapped.
    boolean odd = ((at - tcp) & 1) != 0;
    int m = odd ? swap(old) : old;
    int m2 = odd ? swap(max) : max;
    int sum = (~get16(s, tcp + 16) & 0xffff) + (~m & 0xffff) + m2;
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    put16(s, tcp + 16, ~sum & 0xffff);
    return true;
  }

  private static int swap(int v) {
    return ((v & 0xff) << 8) | (v >>> 8);
  }

  static int get16(BytesStore<?, ?> s, long at) {
    return (s.readUnsignedByte(at) << 8) | s.readUnsignedByte(at + 1);
  }

  static void put16(BytesStore<?, ?> s, long at, int value) {
    s.writeByte(at, (byte) (value >>> 8));
    s.writeByte(at + 1, (byte) value);
  }
}
