package org.eccp.netlink;

import org.eccp.wire.IpAddress;

/** A change of the host's interfaces or addresses, parsed from an rtnetlink message. */
public sealed interface NetlinkEvent {

  /** An address was added to interface {@code ifindex}, or listed by the start-up dump. */
  record AddressAdded(int ifindex, IpAddress address, int prefixLength) implements NetlinkEvent {}

  /** An address was removed from interface {@code ifindex}. */
  record AddressRemoved(int ifindex, IpAddress address, int prefixLength)
      implements NetlinkEvent {}

  /**
   * An interface was added or changed. {@code up} is the administrative state (IFF_UP),
   * {@code running} whether it can carry packets (IFF_RUNNING); {@code name} may be null.
   */
  record LinkChanged(int ifindex, String name, boolean up, boolean running)
      implements NetlinkEvent {}

  /** An interface was removed. */
  record LinkRemoved(int ifindex, String name) implements NetlinkEvent {}

  /** Every address that existed at start has been reported. */
  record DumpComplete() implements NetlinkEvent {}

  /**
   * The kernel dropped events because the socket's buffer was full (ENOBUFS). The monitor asks
   * for a new address dump, which is followed by another {@link DumpComplete}.
   */
  record EventsLost() implements NetlinkEvent {}
}
