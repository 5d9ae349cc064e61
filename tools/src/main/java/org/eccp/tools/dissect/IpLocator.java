package org.eccp.tools.dissect;

import java.util.Arrays;
import java.util.Locale;
import org.eccp.wire.IpAddress;
import org.eccp.wire.Problem;

/**
 * Finds an ECCP header in a captured IPv4 or IPv6 packet: directly under the ECCP protocol
 * number, or in UDP with the ECCP port as source or destination port.
 *
 * <p>Captures hold packets as the kernel saw them, so checksums are not verified: a sender's
 * capture shows checksums that the network card fills in later. One instance is reused for every
 * packet; after {@link #locate} the fields describe the last packet.
 */
final class IpLocator {
  static final int PROTOCOL_UDP = 17;
  private static final int IPV4_MIN_HEADER = 20;
  private static final int IPV6_HEADER = 40;
  private static final int UDP_HEADER = 8;
  /** The source and destination ports, the first bytes of a UDP header. */
  private static final int UDP_PORTS = 4;
  private static final int IPV6_HOP_BY_HOP = 0;
  private static final int IPV6_ROUTING = 43;
  private static final int IPV6_FRAGMENT = 44;
  private static final int IPV6_DESTINATION_OPTIONS = 60;

  /** The result of {@link #locate}. */
  enum Verdict {
    /** An ECCP header starts at {@link #eccpOffset}. */
    ECCP,
    /** The packet is addressed to ECCP but its IP or UDP header is malformed. */
    MALFORMED,
    /** The packet is not ECCP, or too broken to tell. */
    OTHER
  }

  private final int eccpProtocol;
  private final int eccpPort;

  IpAddress source;
  IpAddress destination;
  /** UDP ports, or -1 for ECCP directly in IP. */
  int sourcePort;
  int destinationPort;
  /** Offset of the ECCP header in the frame. */
  int eccpOffset;
  /** The ECCP header and payload length that the IP or UDP length fields claim. */
  int eccpLength;
  /** A problem's counter name and message for MALFORMED, or the reason for OTHER. */
  String problemKey;
  String message;
  /** Whether the capture cut the record, in which case missing bytes at its end are expected. */
  private boolean cut;
  /** Offset of the IP header in the frame. */
  private int ipStart;

  IpLocator(int eccpProtocol, int eccpPort) {
    this.eccpProtocol = eccpProtocol;
    this.eccpPort = eccpPort;
  }

  /**
   * Examines the IP packet at {@code at} in the first {@code captured} bytes of {@code frame},
   * for a record that the capture may have cut.
   */
  Verdict locate(byte[] frame, int at, int captured) {
    return locate(frame, at, captured, true);
  }

  /**
   * Examines the IP packet at {@code at} in the first {@code captured} bytes of {@code frame}.
   *
   * @param cut whether the capture kept fewer bytes than the packet had (its snap length); when
   *     false, an IP length beyond the captured bytes makes an ECCP packet malformed
   */
  Verdict locate(byte[] frame, int at, int captured, boolean cut) {
    this.cut = cut;
    this.ipStart = at;
    source = null;
    destination = null;
    sourcePort = -1;
    destinationPort = -1;
    problemKey = null;
    message = null;
    if (captured - at < 1) {
      return other("empty IP packet");
    }
    int version = (frame[at] & 0xff) >>> 4;
    return switch (version) {
      case 4 -> ipv4(frame, at, captured);
      case 6 -> ipv6(frame, at, captured);
      default -> other("not IP: version nibble " + version);
    };
  }

  private Verdict ipv4(byte[] frame, int at, int captured) {
    int present = captured - at;
    if (present < IPV4_MIN_HEADER) {
      return other("truncated IPv4 header, " + present + " of " + IPV4_MIN_HEADER + " bytes");
    }
    int headerLength = (frame[at] & 0x0f) * 4;
    int totalLength = u16(frame, at + 2);
    int protocol = frame[at + 9] & 0xff;
    source = IpAddress.of(Arrays.copyOfRange(frame, at + 12, at + 16));
    destination = IpAddress.of(Arrays.copyOfRange(frame, at + 16, at + 20));
    if (protocol != eccpProtocol && protocol != PROTOCOL_UDP) {
      return other("IP protocol " + protocol);
    }
    if (headerLength < IPV4_MIN_HEADER || headerLength > totalLength) {
      return malformed(protocol, Problem.BAD_IP_LENGTH, "invalid IPv4 lengths: header " + headerLength
          + " bytes, total " + totalLength + " bytes");
    }
    int fragment = u16(frame, at + 6);
    boolean moreFragments = (fragment & 0x2000) != 0;
    int fragmentOffset = fragment & 0x1fff;
    if (fragmentOffset != 0) {
      return protocol == eccpProtocol ? fragment() : other("IPv4 fragment");
    }
    return transport(frame, protocol, at + headerLength, at + totalLength, captured,
        moreFragments);
  }

  private Verdict ipv6(byte[] frame, int at, int captured) {
    int present = captured - at;
    if (present < IPV6_HEADER) {
      return other("truncated IPv6 header, " + present + " of " + IPV6_HEADER + " bytes");
    }
    source = IpAddress.of(Arrays.copyOfRange(frame, at + 8, at + 24));
    destination = IpAddress.of(Arrays.copyOfRange(frame, at + 24, at + 40));
    int end = at + IPV6_HEADER + u16(frame, at + 4);
    int next = frame[at + 6] & 0xff;
    int header = at + IPV6_HEADER;
    while (next == IPV6_HOP_BY_HOP || next == IPV6_ROUTING || next == IPV6_DESTINATION_OPTIONS
        || next == IPV6_FRAGMENT) {
      if (header + 8 > Math.min(end, captured)) {
        return other("truncated IPv6 extension header");
      }
      if (next == IPV6_FRAGMENT) {
        return fragmentOfIpv6(frame, header, end, captured);
      }
      next = frame[header] & 0xff;
      header += ((frame[header + 1] & 0xff) + 1) * 8;
    }
    if (next != eccpProtocol && next != PROTOCOL_UDP) {
      return other("IP protocol " + next);
    }
    return transport(frame, next, header, end, captured, false);
  }

  /** Classifies a fragment: the first fragment may still show UDP ports, later ones cannot. */
  private Verdict fragmentOfIpv6(byte[] frame, int header, int end, int captured) {
    int next = frame[header] & 0xff;
    boolean first = (u16(frame, header + 2) & 0xfff8) == 0;
    if (next == eccpProtocol) {
      return fragment();
    }
    if (next == PROTOCOL_UDP && first) {
      return transport(frame, next, header + 8, end, captured, true);
    }
    return other("IPv6 fragment");
  }

  /** Continues at the transport header, which ends at {@code end} by the IP length fields. */
  private Verdict transport(byte[] frame, int protocol, int payload, int end, int captured,
      boolean fragmented) {
    if (end < payload) {
      return malformed(protocol, Problem.BAD_IP_LENGTH, "invalid IP length: the payload ends before "
          + "the headers do");
    }
    if (protocol == eccpProtocol) {
      if (fragmented) {
        return fragment();
      }
      return end > captured && !cut ? shortPacket(end, captured) : eccp(payload, end - payload);
    }
    return udp(frame, payload, end, captured, fragmented);
  }

  private Verdict udp(byte[] frame, int at, int end, int captured, boolean fragmented) {
    int present = Math.min(end, captured) - at;
    if (present < UDP_PORTS) {
      return other("truncated UDP header, " + Math.max(0, present) + " of " + UDP_HEADER
          + " bytes, without its ports");
    }
    sourcePort = u16(frame, at);
    destinationPort = u16(frame, at + 2);
    if (sourcePort != eccpPort && destinationPort != eccpPort) {
      return other("UDP port " + destinationPort);
    }
    if (fragmented) {
      return fragment();
    }
    if (end > captured && !cut) {
      return shortPacket(end, captured);
    }
    if (present < UDP_HEADER) {
      problemKey = key(Problem.TRUNCATED_UDP);
      message = "truncated UDP header, " + present + " of " + UDP_HEADER + " bytes";
      return Verdict.MALFORMED;
    }
    int udpLength = u16(frame, at + 4);
    if (udpLength < UDP_HEADER || udpLength > end - at) {
      problemKey = key(Problem.BAD_UDP_LENGTH);
      message = "invalid UDP length " + udpLength + ", the IP payload has " + (end - at)
          + " bytes";
      return Verdict.MALFORMED;
    }
    return eccp(at + UDP_HEADER, udpLength - UDP_HEADER);
  }

  private Verdict eccp(int offset, int length) {
    eccpOffset = offset;
    eccpLength = length;
    return Verdict.ECCP;
  }

  /** Reports a packet whose IP length claims more bytes than an uncut record holds. */
  private Verdict shortPacket(int end, int captured) {
    problemKey = key(Problem.BAD_IP_LENGTH);
    message = "invalid IP length: the IP header claims " + (end - ipStart) + " bytes, but the"
        + " record contains only " + (captured - ipStart) + " and the capture did not cut it";
    return Verdict.MALFORMED;
  }

  private Verdict fragment() {
    problemKey = key(Problem.FRAGMENT);
    message = "IP fragment: ECCP packets are never fragmented";
    return Verdict.MALFORMED;
  }

  /** Reports a broken IP header as malformed ECCP under the ECCP protocol number, else as other. */
  private Verdict malformed(int protocol, Problem problem, String why) {
    if (protocol != eccpProtocol) {
      return other(why);
    }
    problemKey = key(problem);
    message = why;
    return Verdict.MALFORMED;
  }

  private Verdict other(String why) {
    message = why;
    return Verdict.OTHER;
  }

  /** Returns the counter name of a problem, as the summary shows it: {@code bad_udp_length}. */
  static String key(Problem problem) {
    return problem.name().toLowerCase(Locale.ROOT);
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
