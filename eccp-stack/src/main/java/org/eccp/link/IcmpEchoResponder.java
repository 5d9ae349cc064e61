package org.eccp.link;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.InternetChecksum;
import org.eccp.wire.IpAddress;

/**
 * Turns an IPv4 ICMP echo request to one of the link's own addresses into the echo reply, in
 * place and without allocation, so that {@code ping} reaches a stack behind a TUN device. The
 * reply swaps the addresses, keeps identifier, sequence number, payload and IP options, and gets
 * fresh IPv4 and ICMP checksums. Fragmented requests are not reassembled: they count as
 * malformed. One instance per receiving thread.
 */
final class IcmpEchoResponder {
  /** The packet is not an echo request to an own address; it goes on to the normal path. */
  static final int PASS = 0;
  /** The packet was rewritten into the echo reply, which now lies at the same offset. */
  static final int REPLY = 1;
  /** The packet was an ICMP packet to an own address that failed validation. */
  static final int MALFORMED = 2;

  private static final int PROTOCOL_ICMP = 1;
  private static final int ECHO_REQUEST = 8;
  private static final int ECHO_REPLY = 0;
  private static final int REPLY_TTL = 64;

  private final int[] own;

  /** Creates a responder for the IPv4 addresses among {@code ownAddresses}. */
  IcmpEchoResponder(Iterable<IpAddress> ownAddresses) {
    int count = 0;
    for (IpAddress a : ownAddresses) {
      count += a.isV6() ? 0 : 1;
    }
    own = new int[count];
    int i = 0;
    for (IpAddress a : ownAddresses) {
      if (!a.isV6()) {
        own[i++] = a.v4Bits();
      }
    }
  }

  /**
   * Checks the IP packet of {@code length} bytes at {@code start} and returns the verdict. On
   * {@link #REPLY} the buffer contains the reply, and {@link #replyLength} returns its length.
   */
  int answer(Bytes<?> b, long start, int length) {
    if (own.length == 0 || length < 20 || (b.readUnsignedByte(start) >>> 4) != 4
        || b.readUnsignedByte(start + 9) != PROTOCOL_ICMP || !isOwn(i32(b, start + 16))) {
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

  /** Returns the length of the reply that {@link #answer} left at {@code start}. */
  static int replyLength(Bytes<?> b, long start) {
    return u16(b, start + 2);
  }

  private boolean isOwn(int address) {
    for (int a : own) {
      if (a == address) {
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

  private static void putU16(Bytes<?> b, long at, int v) {
    b.writeUnsignedByte(at, (v >>> 8) & 0xff);
    b.writeUnsignedByte(at + 1, v & 0xff);
  }

  private static void putI32(Bytes<?> b, long at, int v) {
    putU16(b, at, v >>> 16);
    putU16(b, at + 2, v & 0xffff);
  }
}
