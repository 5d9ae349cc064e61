package org.eccp.wire;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Finds the ECCP header inside a received IPv4 or IPv6 packet: directly under the configured
 * protocol number, or in UDP to the configured port. Validates the IP and UDP headers on the
 * way; the ECCP header itself is left for {@link EccpHeader#check()}. Allocates nothing unless
 * the addresses are requested as values. Not thread-safe.
 */
public final class EccpLocator {
  private final Encapsulation encapsulation;
  private final CheckResult result = new CheckResult();
  private final Ipv4Header ipv4 = new Ipv4Header();
  private final Ipv6Header ipv6 = new Ipv6Header();
  private final UdpHeader udp = new UdpHeader();
  private final EccpHeader eccp = new EccpHeader();
  private BytesStore<?, ?> store;
  private long start;
  private int ipVersion;
  private boolean viaUdp;

  public EccpLocator(Encapsulation encapsulation) {
    this.encapsulation = encapsulation;
  }

  /**
   * Validates the IP (and UDP) headers of {@code length} bytes at {@code start} and, when they
   * carry ECCP, points {@link #header()} at the ECCP part. Returns this locator's reused result.
   */
  public CheckResult locate(BytesStore<?, ?> store, long start, int length) {
    this.store = store;
    this.start = start;
    this.ipVersion = 0;
    this.viaUdp = false;
    if (length < 1) {
      return result.fail(Problem.TRUNCATED_IP, 1, length);
    }
    int version = NetworkBytes.u8(store, start) >>> 4;
    if (version == 4) {
      return locateInIpv4(length);
    }
    if (version == 6) {
      return locateInIpv6(length);
    }
    return result.fail(Problem.NOT_IP, 0, version);
  }

  private CheckResult locateInIpv4(int length) {
    CheckResult ip = ipv4.wrap(store, start, length).check();
    if (!ip.ok()) {
      return result.copy(ip);
    }
    ipVersion = 4;
    long addressSum = InternetChecksum.add(0, store, start + Ipv4Header.Offsets.SOURCE, 8);
    return locateTransport(ipv4.protocol(), ipv4.payloadOffset(), ipv4.payloadLength(),
        addressSum);
  }

  private CheckResult locateInIpv6(int length) {
    CheckResult ip = ipv6.wrap(store, start, length).check();
    if (!ip.ok()) {
      return result.copy(ip);
    }
    ipVersion = 6;
    long addressSum = InternetChecksum.add(0, store, start + Ipv6Header.Offsets.SOURCE, 32);
    return locateTransport(ipv6.nextHeader(), ipv6.payloadOffset(), ipv6.payloadLength(),
        addressSum);
  }

  private CheckResult locateTransport(int protocol, long payloadOffset, int payloadLength,
      long addressSum) {
    if (protocol == encapsulation.ipProtocol()) {
      eccp.wrap(store, payloadOffset, payloadLength);
      return result.pass();
    }
    if (protocol != Encapsulation.UDP_PROTOCOL) {
      return result.fail(Problem.NOT_ECCP, encapsulation.ipProtocol(), protocol, 0,
          "IP protocol %2$d, ECCP is %1$d or UDP");
    }
    CheckResult transport = udp.wrap(store, payloadOffset, payloadLength)
        .check(addressSum, ipVersion == 6);
    if (!transport.ok()) {
      return result.copy(transport);
    }
    if (udp.destinationPort() != encapsulation.udpPort()) {
      return result.fail(Problem.NOT_ECCP, encapsulation.udpPort(), udp.destinationPort(), 0,
          "UDP port %2$d, ECCP is on %1$d");
    }
    viaUdp = true;
    eccp.wrap(store, udp.payloadOffset(), udp.payloadLength());
    return result.pass();
  }

  /** Returns the ECCP view, wrapped but not yet checked; valid after a successful locate. */
  public EccpHeader header() {
    return eccp;
  }

  /** Returns 4 or 6 once the IP header passed its checks, else 0. */
  public int ipVersion() {
    return ipVersion;
  }

  /** True when the ECCP packet came in UDP. */
  public boolean viaUdp() {
    return viaUdp;
  }

  /** Returns the UDP view; meaningful when {@link #viaUdp()}. */
  public UdpHeader udp() {
    return udp;
  }

  /** Returns the IPv4 view; meaningful when {@link #ipVersion()} is 4. */
  public Ipv4Header ipv4() {
    return ipv4;
  }

  /** Returns the IPv6 view; meaningful when {@link #ipVersion()} is 6. */
  public Ipv6Header ipv6() {
    return ipv6;
  }

  /** Returns the source address as a value (allocates). */
  public IpAddress source() {
    return ipVersion == 4 ? IpAddress.v4(ipv4.source())
        : IpAddress.v6(ipv6.sourceHigh(), ipv6.sourceLow());
  }

  /** Returns the destination address as a value (allocates). */
  public IpAddress destination() {
    return ipVersion == 4 ? IpAddress.v4(ipv4.destination())
        : IpAddress.v6(ipv6.destinationHigh(), ipv6.destinationLow());
  }
}
