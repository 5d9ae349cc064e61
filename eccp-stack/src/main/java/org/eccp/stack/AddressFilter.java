package org.eccp.stack;

import java.util.List;
import org.eccp.wire.IpAddress;

/**
 * The rule for which of the host's addresses the stack uses. With a bind list, exactly those
 * (each one as soon as it exists on an interface). Without one, every IPv4 and IPv6 address
 * except:
 *
 * <ul>
 *   <li>loopback (127.0.0.0/8 and ::1), unless {@code loopback};
 *   <li>link-local (169.254.0.0/16 and fe80::/10): an IPv6 link-local address needs an interface
 *       scope, which the links do not carry, and neither kind is reachable past one network;
 *   <li>198.19.255.0/24, the network of {@code eccp tunnel}'s default inner addresses: an
 *       endpoint started next to a running tunnel must not run ECCP inside that tunnel;
 *   <li>the IPv6 unspecified address, multicast (ff00::/8) and IPv4-mapped (::ffff:0:0/96)
 *       addresses, which are never an interface's own.
 * </ul>
 *
 * <p>Addresses in {@code excluded} are never used (a tunnel's own inner address, for example),
 * and with {@code ipv4Only} no IPv6 address is. Whether an address is usable yet (IPv6 duplicate
 * address detection) is decided by the {@link AddressTracker}, not here.
 */
public record AddressFilter(List<IpAddress> bind, boolean loopback, List<IpAddress> excluded,
    boolean ipv4Only) {
  /** 198.19.255.0/24 shifted right by 8: the default inner network of {@code eccp tunnel}. */
  private static final int TUNNEL_INNER_NET = (198 << 16) | (19 << 8) | 255;

  /** Every routable IPv4 and IPv6 address. */
  public static final AddressFilter ANY = new AddressFilter(List.of(), false);

  public AddressFilter(List<IpAddress> bind, boolean loopback) {
    this(bind, loopback, List.of(), false);
  }

  public AddressFilter {
    bind = List.copyOf(bind);
    excluded = List.copyOf(excluded);
    for (IpAddress a : bind) {
      if (a.isV6() && isLinkLocal6(a)) {
        throw new IllegalArgumentException("cannot bind " + a
            + ": a link-local address needs an interface scope, which the links do not carry;"
            + " bind a unique local (fd00::/8) or global address");
      }
    }
  }

  /** Exactly these addresses. */
  public static AddressFilter only(List<IpAddress> addresses) {
    return new AddressFilter(addresses, false);
  }

  /** Returns the same filter, also rejecting {@code addresses}. */
  public AddressFilter excluding(List<IpAddress> addresses) {
    List<IpAddress> all = new java.util.ArrayList<>(excluded);
    all.addAll(addresses);
    return new AddressFilter(bind, loopback, all, ipv4Only);
  }

  /** Returns the same filter, also rejecting every IPv6 address. */
  public AddressFilter withIpv4Only() {
    return new AddressFilter(bind, loopback, excluded, true);
  }

  public boolean accepts(IpAddress a) {
    if (excluded.contains(a) || (ipv4Only && a.isV6())) {
      return false;
    }
    if (!bind.isEmpty()) {
      return bind.contains(a);
    }
    return a.isV6() ? accepts6(a) : accepts4(a.v4Bits());
  }

  private boolean accepts4(int bits) {
    int firstOctet = bits >>> 24;
    if (firstOctet == 127) {
      return loopback;
    }
    if ((bits >>> 8) == TUNNEL_INNER_NET) {
      return false;
    }
    return (bits >>> 16) != 0xA9FE;
  }

  private boolean accepts6(IpAddress a) {
    long high = a.high();
    long low = a.low();
    if (high == 0 && low == 1) {
      return loopback;
    }
    boolean unspecified = high == 0 && low == 0;
    boolean mapped = high == 0 && (low >>> 32) == 0xffffL;
    boolean multicast = (high >>> 56) == 0xff;
    return !unspecified && !mapped && !multicast && !isLinkLocal6(a);
  }

  private static boolean isLinkLocal6(IpAddress a) {
    return (a.high() >>> 54) == (0xfe80L >>> 6);
  }
}
