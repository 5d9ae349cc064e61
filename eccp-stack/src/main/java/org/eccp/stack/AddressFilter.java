package org.eccp.stack;

import java.util.List;
import org.eccp.wire.IpAddress;

/**
 * Which of the host's addresses the stack uses. With a bind list, exactly those (each one as
 * soon as it exists on an interface). Without one, every IPv4 address except loopback
 * (127.0.0.0/8, unless {@code loopback}) and link-local (169.254.0.0/16) ones.
 *
 * <p>NOTE: IPv6 addresses are never used, because the raw IP and UDP links send IPv4 only.
 */
public record AddressFilter(List<IpAddress> bind, boolean loopback) {
  /** Every routable IPv4 address. */
  public static final AddressFilter ANY = new AddressFilter(List.of(), false);

  public AddressFilter {
    bind = List.copyOf(bind);
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

  public boolean accepts(IpAddress a) {
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
    return (a.v4Bits() >>> 16) != 0xA9FE;
  }
}
