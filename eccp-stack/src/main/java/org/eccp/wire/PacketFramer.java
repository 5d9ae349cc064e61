package org.eccp.wire;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Writes the ECCP, UDP (when configured) and IP headers in front of a payload that already sits
 * in a buffer, without moving it: the headers go into the headroom before the payload. Reuses
 * its views, so framing a DATA packet allocates nothing. Not thread-safe.
 */
public final class PacketFramer {
  /** Headroom that any packet needs at most: IPv6, UDP and the longest ECCP header. */
  public static final int MAX_HEADROOM =
      Ipv6Header.LENGTH + UdpHeader.LENGTH + EccpHeader.MAX_LENGTH;
  /** Headroom that a DATA packet needs at most: IPv6, UDP and the 20-byte ECCP header. */
  public static final int DATA_HEADROOM =
      Ipv6Header.LENGTH + UdpHeader.LENGTH + EccpHeader.FIXED_LENGTH;
  /** The largest IP packet: the 16-bit length fields. */
  public static final int MAX_IP_LENGTH = 65535;

  private final Encapsulation encapsulation;
  private final EccpHeader eccp = new EccpHeader();
  private final UdpHeader udp = new UdpHeader();
  private final Ipv4Header ipv4 = new Ipv4Header();
  private final Ipv6Header ipv6 = new Ipv6Header();

  public PacketFramer(Encapsulation encapsulation) {
    this.encapsulation = encapsulation;
  }

  public Encapsulation encapsulation() {
    return encapsulation;
  }

  /** Returns the bytes that {@link #frame} writes in front of the payload for this header. */
  public int headroom(EccpPacket header, boolean v6) {
    return (v6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH)
        + (encapsulation.udp() ? UdpHeader.LENGTH : 0) + EccpHeader.lengthOf(header);
  }

  /**
   * Writes the headers for {@code payloadLength} bytes at {@code payloadOffset}, immediately
   * before them, checksums included, and returns the offset where the IP packet starts.
   *
   * @throws IllegalArgumentException when the headroom is too small, the packet too long, the
   *     addresses of different families, or the header cannot be encoded
   */
  public long frame(BytesStore<?, ?> store, long payloadOffset, int payloadLength,
      EccpPacket header, IpAddress source, IpAddress destination) {
    boolean v6 = source.isV6();
    if (v6 != destination.isV6()) {
      throw new IllegalArgumentException(
          "source " + source + " and destination " + destination + " differ in family");
    }
    int eccpLength = EccpHeader.lengthOf(header);
    int headroom = headroom(header, v6);
    long start = payloadOffset - headroom;
    if (start < 0) {
      throw new IllegalArgumentException("the " + header.type() + " headers need " + headroom
          + " bytes of headroom, the payload is at offset " + payloadOffset);
    }
    if (headroom + payloadLength > MAX_IP_LENGTH) {
      throw new IllegalArgumentException("an IP packet of " + (headroom + payloadLength)
          + " bytes exceeds " + MAX_IP_LENGTH);
    }

    long eccpStart = payloadOffset - eccpLength;
    eccp.wrap(store, eccpStart, eccpLength + payloadLength).emit(header);
    long transportStart = eccpStart;
    int protocol = encapsulation.ipProtocol();
    if (encapsulation.udp()) {
      transportStart -= UdpHeader.LENGTH;
      int datagramLength = UdpHeader.LENGTH + eccpLength + payloadLength;
      udp.wrap(store, transportStart, datagramLength).write(encapsulation.udpPort(),
          encapsulation.udpPort(), datagramLength, source, destination);
      protocol = Encapsulation.UDP_PROTOCOL;
    }
    int ipPayloadLength = (int) (payloadOffset + payloadLength - transportStart);
    if (v6) {
      ipv6.wrap(store, start, Ipv6Header.LENGTH).write(ipPayloadLength, protocol,
          encapsulation.hopLimit(), source, destination);
    } else {
      ipv4.wrap(store, start, Ipv4Header.MIN_LENGTH).write(Ipv4Header.MIN_LENGTH + ipPayloadLength,
          encapsulation.hopLimit(), protocol, source.v4Bits(), destination.v4Bits());
    }
    return start;
  }
}
