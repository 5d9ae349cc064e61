package org.eccp.tunnel;

import java.util.List;
import org.eccp.stack.StackConfig;
import org.eccp.wire.IpAddress;

/**
 * The settings of one tunnel end.
 *
 * @param stack the ECCP endpoint under the tunnel (listening on the server end)
 * @param peer the server's address on the client end, null on the server end
 * @param device the TUN device name
 * @param inner the inner address with its prefix length, such as 198.19.255.2/30
 * @param innerMtu the TUN device's MTU, see {@link #innerMtu(int, boolean)}
 * @param stripe true to spread packets over every flow, false to use one and fail over
 * @param prefer interface names, most preferred first; empty for no preference
 */
public record TunnelConfig(StackConfig stack, IpAddress peer, String device, String inner,
    int innerMtu, boolean stripe, List<String> prefer) {
  public TunnelConfig {
    prefer = List.copyOf(prefer);
  }

  /** Creates a configuration without an interface preference. */
  public TunnelConfig(StackConfig stack, IpAddress peer, String device, String inner,
      int innerMtu, boolean stripe) {
    this(stack, peer, device, inner, innerMtu, stripe, List.of());
  }

  /** The server end's default inner address: inside 198.18.0.0/15, clear of the lab's networks. */
  public static final String SERVER_INNER = "198.19.255.1/30";
  public static final String CLIENT_INNER = "198.19.255.2/30";
  /** The MTU of the networks under the tunnel (Ethernet). */
  public static final int OUTER_MTU = 1500;
  /** An outer IPv4 header without options. */
  static final int OUTER_IP = 20;
  static final int UDP = 8;
  /** A DATA packet's ECCP header. */
  static final int ECCP_DATA = 20;

  /**
   * The inner MTU for an outer MTU: the outer IPv4 header, the UDP header when there is one, and
   * the ECCP DATA header come off. 1460 for ECCP in IP and 1452 in UDP over Ethernet.
   */
  public static int innerMtu(int outerMtu, boolean udp) {
    return outerMtu - OUTER_IP - (udp ? UDP : 0) - ECCP_DATA;
  }

  /** Returns the bytes in front of each inner packet: outer IPv4, UDP if used, ECCP DATA. */
  public int overhead() {
    return OUTER_IP + (stack.encapsulation().udp() ? UDP : 0) + ECCP_DATA;
  }

  public TunnelConfig withPrefer(List<String> names) {
    return new TunnelConfig(stack, peer, device, inner, innerMtu, stripe, names);
  }

  public boolean client() {
    return peer != null;
  }

  /** The inner address without its prefix length. */
  public IpAddress innerAddress() {
    return IpAddress.parse(inner.substring(0, inner.indexOf('/')));
  }
}
