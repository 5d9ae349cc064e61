package org.eccp.link;

import org.eccp.wire.IpAddress;

/** The outer addresses of a received ECCP packet; reused from packet to packet. */
public final class ReceivedPacket {
  private IpAddress source;
  private IpAddress destination;

  /** Returns the remote address: the outer source. */
  public IpAddress source() {
    return source;
  }

  /** Returns the local address the packet was sent to: the outer destination. */
  public IpAddress destination() {
    return destination;
  }

  void set(IpAddress source, IpAddress destination) {
    this.source = source;
    this.destination = destination;
  }

  /**
   * Sets two IPv4 addresses, keeping the current objects where they are equal, so that packets
   * of a flow whose addresses stay the same allocate nothing.
   */
  void setV4(int source, int destination) {
    if (!isV4(this.source, source)) {
      this.source = IpAddress.v4(source);
    }
    if (!isV4(this.destination, destination)) {
      this.destination = IpAddress.v4(destination);
    }
  }

  /** Sets two IPv6 addresses (high and low 64 bits each), reusing equal objects like setV4. */
  void setV6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
    if (!isV6(this.source, sourceHigh, sourceLow)) {
      this.source = IpAddress.v6(sourceHigh, sourceLow);
    }
    if (!isV6(this.destination, destinationHigh, destinationLow)) {
      this.destination = IpAddress.v6(destinationHigh, destinationLow);
    }
  }

  private static boolean isV4(IpAddress a, int bits) {
    return a != null && !a.isV6() && a.v4Bits() == bits;
  }

  private static boolean isV6(IpAddress a, long high, long low) {
    return a != null && a.isV6() && a.high() == high && a.low() == low;
  }
}
