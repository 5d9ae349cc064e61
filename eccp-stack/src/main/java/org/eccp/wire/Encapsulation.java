package org.eccp.wire;

/**
 * How ECCP packets travel in IP: directly under an IP protocol number, or in UDP on a port.
 *
 * @param ipProtocol the IP protocol number of ECCP when not in UDP; 253 (RFC 3692,
 *     experimentation) by default
 * @param udp true to send in UDP; received packets are accepted either way
 * @param udpPort the UDP port of ECCP on both ends, 7400 by default. Sent packets use it as
 *     source and destination port, and received ones must have it as destination port.
 * @param hopLimit the IPv4 TTL or IPv6 hop limit of sent packets
 */
public record Encapsulation(int ipProtocol, boolean udp, int udpPort, int hopLimit) {
  public static final int DEFAULT_IP_PROTOCOL = 253;
  public static final int DEFAULT_UDP_PORT = 7400;
  public static final int DEFAULT_HOP_LIMIT = 64;
  /** The IP protocol number of UDP. */
  public static final int UDP_PROTOCOL = 17;

  /** ECCP directly in IP under protocol 253. */
  public static final Encapsulation DEFAULT =
      new Encapsulation(DEFAULT_IP_PROTOCOL, false, DEFAULT_UDP_PORT, DEFAULT_HOP_LIMIT);

  public Encapsulation {
    if (ipProtocol < 0 || ipProtocol > 255 || ipProtocol == UDP_PROTOCOL) {
      throw new IllegalArgumentException("invalid ECCP IP protocol number " + ipProtocol
          + ": use 0..255 other than 17 (UDP), for example 253");
    }
    if (udpPort < 1 || udpPort > 65535) {
      throw new IllegalArgumentException("invalid ECCP UDP port " + udpPort
          + ": use 1..65535, for example 7400");
    }
    if (hopLimit < 1 || hopLimit > 255) {
      throw new IllegalArgumentException("invalid hop limit " + hopLimit + ": use 1..255");
    }
  }

  /** Returns this configuration sending in UDP on the given port. */
  public Encapsulation withUdp(int port) {
    return new Encapsulation(ipProtocol, true, port, hopLimit);
  }

  /** Returns this configuration sending directly in IP under the given protocol number. */
  public Encapsulation withIpProtocol(int protocol) {
    return new Encapsulation(protocol, false, udpPort, hopLimit);
  }
}
