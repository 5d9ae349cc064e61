package org.eccp.link;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.InternetChecksum;
import org.eccp.wire.IpAddress;

/**
 * Turns an ICMP echo request (IPv4) or ICMPv6 echo request (IPv6) to one of the link's own
 * addresses into the echo reply, in place and without allocation, so that {@code ping} and
 * {@code ping -6} reach a stack behind a TUN device. The reply swaps the addresses, keeps
 * identifier, sequence number, payload and IPv4 options, and sets the TTL or hop limit to 64. It
 * gets fresh checksums: the IPv4 header and ICMP checksums, or the ICMPv6 checksum over the IPv6
 * pseudo-header (RFC 4443 section 2.3).
 *
 * <p>Fragmented IPv4 requests are not reassembled: they count as malformed. IPv6 extension
 * headers are not walked, so an ICMPv6 request behind one (a fragment header, for example) is
 * not recognised and passes. One instance per receiving thread.
 */
final class IcmpEchoResponder {
  /** The packet is not an echo request to an own address; it goes on to the normal path. */
  static final int PASS = 0;
  /** The packet was rewritten into the echo reply, which now lies at the same offset. */
  static final int REPLY = 1;
  /** The packet was an ICMP or ICMPv6 packet to an own address that failed validation. */
  static final int MALFORMED = 2;

  private static final int PROTOCOL_ICMP = 1;
  private static final int ECHO_REQUEST = 8;
  private static final int ECHO_REPLY = 0;
  private static final int NEXT_HEADER_ICMPV6 = 58;
  private static final int ECHO6_REQUEST = 128;
  private static final int ECHO6_REPLY = 129;
  private static final int IPV6_HEADER = 40;
  private static final int REPLY_TTL = 64;

  private final int[] own4;
  /** The own IPv6 addresses as pairs of longs: high 64 bits, then low 64 bits. */
  private final long[] own6;

  /** Creates a responder for the IPv4 and IPv6 addresses among {@code ownAddresses}. */
  IcmpEchoResponder(Iterable<IpAddress> ownAddresses) {
    int count4 = 0;
    int count6 = 0;
    for (IpAddress a : ownAddresses) {
      if (a.isV6()) {
        count6++;
      } else {
        count4++;
      }
    }
    own4 = new int[count4];
    own6 = new long[2 * count6];
    int i = 0;
    int j = 0;
    for (IpAddress a : ownAddresses) {
      if (a.isV6()) {
        own6[j++] = a.high();
        own6[j++] = a.low();
      } else {
        own4[i++] = a.v4Bits();
      }
    }
  }

  /**
   * Checks the IP packet of {@code length} bytes at {@code start} and returns the verdict. On
   * {@link #REPLY} the buffer contains the reply, and {@link #replyLength} returns its length.
   */
  int answer(Bytes<?> b, long start, int length) {
    if (length < 1) {
      return PASS;
    }
    int version = b.readUnsignedByte(start) >>> 4;
    if (version == 4) {
      return answer4(b, start, length);
    }
    return version == 6 ? answer6(b, start, length) : PASS;
  }

  private int answer4(Bytes<?> b, long start, int length) {
    if (own4.length == 0 || length < 20 || b.readUnsignedByte(start + 9) != PROTOCOL_ICMP
        || !isOwn4(i32(b, start + 16))) {
      return PASS;
    }

    int ihl = (b.readUnsignedByte(start) & 0xf) * 4;
    int total = u16(b, start + 2);
    if (ihl < 20 || total < ihl + 8 || total > length
        || InternetChecksum.of(b.bytesStore(), start, ihl) != 0
        || (u16(b, start + 6) & 0x3fff) != 0) {
      return MALFORMED;
    }
    long icmp = start + ihl;
    int icmpLength = total - ihl;
    if (InternetChecksum.of(b.bytesStore(), icmp, icmpLength) != 0) {
      return MALFORMED;
    }
    if (b.readUnsignedByte(icmp) != ECHO_REQUEST) {
      return PASS;
    }
    if (b.readUnsignedByte(icmp + 1) != 0) {
      return MALFORMED;
    }

    int source = i32(b, start + 12);
    putI32(b, start + 12, i32(b, start + 16));
    putI32(b, start + 16, source);
    b.writeUnsignedByte(start + 8, REPLY_TTL);
    putU16(b, start + 10, 0);
    putU16(b, start + 10, InternetChecksum.of(b.bytesStore(), start, ihl));

    b.writeUnsignedByte(icmp, ECHO_REPLY);
    putU16(b, icmp + 2, 0);
    putU16(b, icmp + 2, InternetChecksum.of(b.bytesStore(), icmp, icmpLength));
    return REPLY;
  }

  private int answer6(Bytes<?> b, long start, int length) {
    if (own6.length == 0 || length < IPV6_HEADER
        || b.readUnsignedByte(start + 6) != NEXT_HEADER_ICMPV6
        || !isOwn6(i64(b, start + 24), i64(b, start + 32))) {
      return PASS;
    }

    int payloadLength = u16(b, start + 4);
    if (payloadLength < 8 || IPV6_HEADER + payloadLength > length) {
      return MALFORMED;
    }
    long icmp = start + IPV6_HEADER;
    if (checksum6(b, start, payloadLength) != 0) {
      return MALFORMED;
    }
    if (b.readUnsignedByte(icmp) != ECHO6_REQUEST) {
      return PASS;
    }
    if (b.readUnsignedByte(icmp + 1) != 0) {
      return MALFORMED;
    }

    long sourceHigh = i64(b, start + 8);
    long sourceLow = i64(b, start + 16);
    putI64(b, start + 8, i64(b, start + 24));
    putI64(b, start + 16, i64(b, start + 32));
    putI64(b, start + 24, sourceHigh);
    putI64(b, start + 32, sourceLow);
    b.writeUnsignedByte(start + 7, REPLY_TTL);

    b.writeUnsignedByte(icmp, ECHO6_REPLY);
    putU16(b, icmp + 2, 0);
    putU16(b, icmp + 2, checksum6(b, start, payloadLength));
    return REPLY;
  }

  /**
   * Returns the ICMPv6 checksum of the message behind the IPv6 header at {@code start}: 0 when
   * the stored checksum is right. The pseudo-header is the two addresses (bytes 8 to 39 of the
   * header, summed in place), the upper-layer length and next header 58.
   */
  private static int checksum6(Bytes<?> b, long start, int payloadLength) {
    long sum = InternetChecksum.add(0, b.bytesStore(), start + 8, 32);
    sum += payloadLength + NEXT_HEADER_ICMPV6;
    sum = InternetChecksum.add(sum, b.bytesStore(), start + IPV6_HEADER, payloadLength);
    return InternetChecksum.finish(sum);
  }

  /** Returns the length of the reply that {@link #answer} left at {@code start}. */
  static int replyLength(Bytes<?> b, long start) {
    if ((b.readUnsignedByte(start) >>> 4) == 6) {
      return IPV6_HEADER + u16(b, start + 4);
    }
    return u16(b, start + 2);
  }

  private boolean isOwn4(int address) {
    for (int a : own4) {
      if (a == address) {
        return true;
      }
    }
    return false;
  }

  private boolean isOwn6(long high, long low) {
    for (int i = 0; i < own6.length; i += 2) {
      if (own6[i] == high && own6[i + 1] == low) {
        return true;
      }
    }
    return false;
  }

  private static int u16(Bytes<?> b, long at) {
    return (b.readUnsignedByte(at) << 8) | b.readUnsignedByte(at + 1);
  }

  private static int i32(Bytes<?> b, long at) {
    return (u16(b, at) << 16) | u16(b, at + 2);
  }

  private static long i64(Bytes<?> b, long at) {
    return ((long) i32(b, at) << 32) | (i32(b, at + 4) & 0xffffffffL);
  }

  private static void putU16(Bytes<?> b, long at, int v) {
    b.writeUnsignedByte(at, (v >>> 8) & 0xff);
    b.writeUnsignedByte(at + 1, v & 0xff);
  }

  private static void putI32(Bytes<?> b, long at, int v) {
    putU16(b, at, v >>> 16);
    putU16(b, at + 2, v & 0xffff);
  }

  private static void putI64(Bytes<?> b, long at, long v) {
    putI32(b, at, (int) (v >>> 32));
    putI32(b, at + 4, (int) v);
  }
}
