package org.eccp.tunnel;

import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.InternetChecksum;

/**
 * Builds the ICMP error that reports to an inner sender that its packet does not fit the tunnel:
 * ICMPv4 "fragmentation needed" (type 3, code 4, next-hop MTU as in RFC 1191) or ICMPv6 "packet
 * too big" (type 2, RFC 4443). The message goes from the packet's destination to its source,
 * because that address is routed through the TUN device and so passes the kernel's
 * reverse-path check, and it quotes the start of the packet so that the sender's kernel can find
 * the socket. The caller has checked the packet with {@link InnerPackets#check}.
 */
final class TooBigMessages {
  /** The reply that a too-big inner packet calls for. */
  enum Kind {
    /** IPv4 with DF set: reply with "fragmentation needed". */
    FRAG_NEEDED,
    /** IPv6: reply with "packet too big". */
    PACKET_TOO_BIG,
    /** IPv4 without DF: the sender allows fragmentation, which the tunnel does not do. */
    NO_DF,
    /** No ICMP error may answer it (RFC 1122 3.2.2, RFC 4443 2.4): drop silently. */
    NO_REPLY
  }

  /** Largest ICMPv4 error, IP header included (RFC 1812 4.3.2.3). */
  static final int ICMP4_MAX = 576;
  /** Largest ICMPv6 error: the minimum IPv6 MTU (RFC 4443 2.4). */
  static final int ICMP6_MAX = 1280;
  /** The smallest MTU that an IPv6 packet-too-big may report (RFC 8201 section 4). */
  static final int IPV6_MIN_MTU = 1280;
  /** Room that {@link #build} may need in the output buffer. */
  static final int MAX_LENGTH = ICMP6_MAX;

  private static final int ICMP = 1;
  private static final int ICMPV6 = 58;
  private static final int DONT_FRAGMENT = 0x4000;
  private static final int FRAGMENT_OFFSET = 0x1fff;
  private static final int TTL = 64;

  private TooBigMessages() {}

  /** Classifies a too-big inner packet of {@code length} bytes at {@code start}. */
  static Kind classify(BytesStore<?, ?> s, long start, int length) {
    int version = s.readUnsignedByte(start) >>> 4;
    if (version == 4) {
      return classify4(s, start);
    }
    if (isMulticast6(s, start + 8) || isUnspecified6(s, start + 8)
        || isMulticast6(s, start + 24)) {
      return Kind.NO_REPLY;
    }
    // Without extension headers, next header 58 means ICMPv6; types below 128 are errors.
    if (s.readUnsignedByte(start + 6) == ICMPV6 && length > 40
        && s.readUnsignedByte(start + 40) < 128) {
      return Kind.NO_REPLY;
    }
    return Kind.PACKET_TOO_BIG;
  }

  private static Kind classify4(BytesStore<?, ?> s, long start) {
    int ihl = (s.readUnsignedByte(start) & 0x0f) * 4;
    int flags = MssClamp.get16(s, start + 6);
    int source = s.readInt(start + 12);
    int sourceFirst = s.readUnsignedByte(start + 12);
    int destinationFirst = s.readUnsignedByte(start + 16);
    boolean badSource = source == 0 || sourceFirst >= 224 || sourceFirst == 127;
    boolean badDestination = destinationFirst >= 224
        || s.readInt(start + 16) == -1;
    if (badSource || badDestination || (flags & FRAGMENT_OFFSET) != 0) {
      return Kind.NO_REPLY;
    }
    if (s.readUnsignedByte(start + 9) == ICMP && isIcmpError(s.readUnsignedByte(start + ihl))) {
      return Kind.NO_REPLY;
    }
    return (flags & DONT_FRAGMENT) != 0 ? Kind.FRAG_NEEDED : Kind.NO_DF;
  }

  /** Types of ICMPv4 errors: unreachable, source quench, redirect, time exceeded, parameter. */
  private static boolean isIcmpError(int type) {
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
  }

  private static boolean isMulticast6(BytesStore<?, ?> s, long at) {
    return s.readUnsignedByte(at) == 0xff;
  }

  private static boolean isUnspecified6(BytesStore<?, ?> s, long at) {
    return s.readLong(at) == 0 && s.readLong(at + 8) == 0;
  }

  /**
   * Writes the ICMP error for the packet at {@code start} into {@code out} at {@code at} and
   * returns its length. {@code mtu} is the largest inner packet the tunnel can carry now; an
   * IPv6 message reports at least {@link #IPV6_MIN_MTU}.
   */
  static int build(Kind kind, BytesStore<?, ?> in, long start, int length, int mtu,
      BytesStore<?, ?> out, long at) {
    return kind == Kind.FRAG_NEEDED ? build4(in, start, length, mtu, out, at)
        : build6(in, start, length, Math.max(mtu, IPV6_MIN_MTU), out, at);
  }

  private static int build4(BytesStore<?, ?> in, long start, int length, int mtu,
      BytesStore<?, ?> out, long at) {
    int quote = Math.min(length, ICMP4_MAX - 28);
    int total = 28 + quote;
    out.writeByte(at, (byte) 0x45);
    out.writeByte(at + 1, (byte) 0);
    MssClamp.put16(out, at + 2, total);
    out.writeInt(at + 4, 0);
    out.writeByte(at + 8, (byte) TTL);
    out.writeByte(at + 9, (byte) ICMP);
    MssClamp.put16(out, at + 10, 0);
    // Source and destination swap: the reply comes from the packet's destination.
    out.writeInt(at + 12, in.readInt(start + 16));
    out.writeInt(at + 16, in.readInt(start + 12));
    MssClamp.put16(out, at + 10, InternetChecksum.of(out, at, 20));
    long icmp = at + 20;
    out.writeByte(icmp, (byte) 3);
    out.writeByte(icmp + 1, (byte) 4);
    MssClamp.put16(out, icmp + 2, 0);
    MssClamp.put16(out, icmp + 4, 0);
    MssClamp.put16(out, icmp + 6, Math.min(mtu, 0xffff));
    out.write(icmp + 8, in, start, quote);
    MssClamp.put16(out, icmp + 2, InternetChecksum.of(out, icmp, 8 + quote));
    return total;
  }

  private static int build6(BytesStore<?, ?> in, long start, int length, int mtu,
      BytesStore<?, ?> out, long at) {
    int quote = Math.min(length, ICMP6_MAX - 48);
    int payload = 8 + quote;
    out.writeInt(at, 0);
    out.writeByte(at, (byte) 0x60);
    MssClamp.put16(out, at + 4, payload);
    out.writeByte(at + 6, (byte) ICMPV6);
    out.writeByte(at + 7, (byte) TTL);
    out.write(at + 8, in, start + 24, 16);
    out.write(at + 24, in, start + 8, 16);
    long icmp = at + 40;
    out.writeByte(icmp, (byte) 2);
    out.writeByte(icmp + 1, (byte) 0);
    MssClamp.put16(out, icmp + 2, 0);
    MssClamp.put16(out, icmp + 4, mtu >>> 16);
    MssClamp.put16(out, icmp + 6, mtu & 0xffff);
    out.write(icmp + 8, in, start, quote);
    long sum = InternetChecksum.add(0, out, at + 8, 32);
    sum += payload + ICMPV6;
    sum = InternetChecksum.add(sum, out, icmp, payload);
    MssClamp.put16(out, icmp + 2, InternetChecksum.finish(sum));
    return 40 + payload;
  }
}
