package org.eccp.tunnel;

import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.InternetChecksum;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;

/**
 * An ICMPv4 "fragmentation needed" (type 3, code 4) about an ECCP packet that this host sent.
 * It is parsed from what a raw ICMP socket receives: the IPv4 header, the ICMP header, then the
 * quoted IPv4 header and the start of the ECCP packet (behind a UDP header with ECCP in UDP).
 *
 * @param local the quoted packet's source, this host's address
 * @param remote the quoted packet's destination, the peer's address
 * @param senderFlowId the quoted ECCP header's sender flowID, this host's flowID of the flow
 * @param hasReceiver whether the quote reaches the receiver flowID and the nonce
 * @param receiverFlowId the quoted receiver flowID (the peer's), when {@code hasReceiver}
 * @param nonce the quoted nonce, when {@code hasReceiver}
 * @param mtu the next-hop MTU: the router's value, or the RFC 1191 plateau below the quoted
 *     packet's length when the router sent 0
 * @param innerStart where the quoted inner packet starts in the parsed buffer, when the quoted
 *     packet is tunnelled IP and the quote reaches past its ECCP header
 * @param innerQuoted how many bytes of the inner packet are quoted, 0 for none
 */
record FragNeeded(IpAddress local, IpAddress remote, int senderFlowId, boolean hasReceiver,
    int receiverFlowId, long nonce, int mtu, long innerStart, int innerQuoted) {

  /** The reason a received ICMP message is not a usable "fragmentation needed". */
  enum Problem {
    /** Shorter than the headers it claims, or an IP length that disagrees with the bytes. */
    TRUNCATED,
    /** An outer or quoted IPv4 header that is not valid. */
    BAD_IP_HEADER,
    BAD_CHECKSUM,
    /** A next-hop MTU below 68 (RFC 791) or not below the quoted packet's length. */
    BAD_MTU,
    /** A valid ICMP message of another type or code: not an error, ignored. */
    OTHER_TYPE,
    /** A valid message about a packet that is not ECCP of this link: ignored. */
    NOT_ECCP
  }

  /** The outcome of {@link #parse}: a message, or the problem. */
  record Parsed(FragNeeded message, Problem problem) {}

  /** The smallest MTU that any IPv4 link has (RFC 791). */
  static final int IPV4_MIN_MTU = 68;
  /** RFC 1191 section 7: common MTUs, used when a router reports 0. */
  private static final int[] PLATEAUS = {
      65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};
  private static final int ICMP = 1;
  private static final int UDP = 17;
  private static final int ECCP_NEXT_PROTOCOL = 2;
  private static final int ECCP_HEADER_WORDS = 3;
  private static final int ECCP_SENDER = 4;
  private static final int ECCP_RECEIVER = 8;
  private static final int ECCP_NONCE = 12;

  /**
   * Parses {@code length} bytes at {@code start}. {@code protocol} is the ECCP link's IP
   * protocol, and {@code udpPort} its UDP port when ECCP rides in UDP (then {@code protocol} is
   * 17), else 0.
   */
  static Parsed parse(BytesStore<?, ?> s, long start, int length, int protocol, int udpPort) {
    if (length < 20) {
      return fail(Problem.TRUNCATED);
    }
    int ihl = (s.readUnsignedByte(start) & 0x0f) * 4;
    if (s.readUnsignedByte(start) >>> 4 != 4 || ihl < 20 || ihl > length
        || s.readUnsignedByte(start + 9) != ICMP) {
      return fail(Problem.BAD_IP_HEADER);
    }
    if (MssClamp.get16(s, start + 2) != length) {
      return fail(Problem.TRUNCATED);
    }
    long icmp = start + ihl;
    int icmpLength = length - ihl;
    if (icmpLength < 8) {
      return fail(Problem.TRUNCATED);
    }
    if (InternetChecksum.of(s, icmp, icmpLength) != 0) {
      return fail(Problem.BAD_CHECKSUM);
    }
    if (s.readUnsignedByte(icmp) != 3 || s.readUnsignedByte(icmp + 1) != 4) {
      return fail(Problem.OTHER_TYPE);
    }
    return parseQuote(s, icmp + 8, icmpLength - 8, MssClamp.get16(s, icmp + 6), protocol,
        udpPort);
  }

  private static Parsed parseQuote(BytesStore<?, ?> s, long quote, int quoted, int mtu,
      int protocol, int udpPort) {
    if (quoted < 20) {
      return fail(Problem.TRUNCATED);
    }
    int ihl = (s.readUnsignedByte(quote) & 0x0f) * 4;
    if (s.readUnsignedByte(quote) >>> 4 != 4 || ihl < 20 || ihl > quoted) {
      return fail(Problem.BAD_IP_HEADER);
    }
    if (s.readUnsignedByte(quote + 9) != protocol) {
      return fail(Problem.NOT_ECCP);
    }
    long eccp = quote + ihl;
    if (udpPort != 0) {
      if (ihl + 8 > quoted) {
        return fail(Problem.TRUNCATED);
      }
      if (MssClamp.get16(s, eccp + 2) != udpPort) {
        return fail(Problem.NOT_ECCP);
      }
      eccp += 8;
    }
    int eccpQuoted = (int) (quote + quoted - eccp);
    if (eccpQuoted < 8) {
      return fail(Problem.TRUNCATED);
    }
    int quotedLength = MssClamp.get16(s, quote + 2);
    int nextHop = mtu == 0 ? plateauBelow(quotedLength) : mtu;
    if (nextHop < IPV4_MIN_MTU || nextHop >= quotedLength) {
      return fail(Problem.BAD_MTU);
    }
    boolean hasReceiver = eccpQuoted >= ECCP_NONCE + 8;
    int eccpLength = s.readUnsignedByte(eccp + ECCP_HEADER_WORDS) * 4;
    boolean tunnelled = s.readUnsignedByte(eccp + ECCP_NEXT_PROTOCOL) == NextProtocol.TUNNELLED_IP
        && eccpLength >= EccpHeader.FIXED_LENGTH && eccpQuoted > eccpLength;
    FragNeeded m = new FragNeeded(IpAddress.v4(get32(s, quote + 12)),
        IpAddress.v4(get32(s, quote + 16)), get32(s, eccp + ECCP_SENDER), hasReceiver,
        hasReceiver ? get32(s, eccp + ECCP_RECEIVER) : 0,
        hasReceiver ? ((long) get32(s, eccp + ECCP_NONCE) << 32)
            | (get32(s, eccp + ECCP_NONCE + 4) & 0xffffffffL) : 0,
        nextHop, tunnelled ? eccp + eccpLength : 0, tunnelled ? eccpQuoted - eccpLength : 0);
    return new Parsed(m, null);
  }

  /** Returns the largest RFC 1191 plateau below {@code length}, or 0 when there is none. */
  static int plateauBelow(int length) {
    for (int p : PLATEAUS) {
      if (p < length) {
        return p;
      }
    }
    return 0;
  }

  private static Parsed fail(Problem p) {
    return new Parsed(null, p);
  }

  private static int get32(BytesStore<?, ?> s, long at) {
    return (MssClamp.get16(s, at) << 16) | MssClamp.get16(s, at + 2);
  }
}
