package org.eccp.stack;

import java.util.List;
import org.eccp.wire.IpAddress;

/**
 * The rule for which of the host's addresses the stack uses. With a bind list, exactly those (each one as
 * soon as it exists on an interface). Without one, every IPv4 address except loopback
 * (127.0.0.0/8, unless {@code loopback}), link-local (169.254.0.0/16) ones and those in
 * 198.19.255.0/24, the network of {@code eccp tunnel}'s default inner addresses: an endpoint
 * started next to a running tunnel must not run ECCP inside that tunnel. Addresses in
 * {@code excluded} are never used (a tunnel's own inner address, for example).
 *
 * <p>NOTE: IPv6 addresses are never used, because the raw IP and UDP links send IPv4 only.
 */
public record AddressFilter(List<IpAddress> bind, boolean loopback, List<IpAddress> excluded) {
  /** 198.19.255.0/24 shifted right by 8: the default inner network of {@code eccp tunnel}. */
  private static final int TUNNEL_INNER_NET = (198 << 16) | (19 << 8) | 255;

  /** Every routable IPv4 address. */
  public static final AddressFilter ANY = new AddressFilter(List.of(), false);

  public AddressFilter(List<IpAddress> bind, boolean loopback) {
    this(bind, loopback, List.of());
  }

  public AddressFilter {
    bind = List.copyOf(bind);
    excluded = List.copyOf(excluded);
    for (IpAddress a : bind) {
      if (a.isV6()) {
        throw new IllegalArgumentException("cannot bind " + a
            + ": the links send IPv4 only, so bind an IPv4 address");
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
    return new AddressFilter(bind, loopback, all);
  }

  public boolean accepts(IpAddress a) {
    if (excluded.contains(a)) {
      return false;
    }
    if (!bind.isEmpty()) {
      return bind.contains(a);
    }
    if (a.isV6()) {
      return false;
    }
    int firstOctet = a.v4Bits() >>> 24;
    if (firstOctet == 127) {
      return loopback;
    }
    if ((a.v4Bits() >>> 8) == TUNNEL_INNER_NET) {
      return false;
    }
    return (a.v4Bits() >>> 16) != 0xA9FE;
  }
}
