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
}
