package org.eccp.netlink;

import org.eccp.wire.IpAddress;

/** A change of the host's interfaces or addresses, parsed from an rtnetlink message. */
public sealed interface NetlinkEvent {

  /**
   * An address was added to interface {@code ifindex} or changed, or listed by the start-up dump.
   * {@code tentative} is true while IPv6 duplicate address detection runs on it or after
   * detection failed (IFA_F_TENTATIVE or IFA_F_DADFAILED): the kernel does not send from it then.
   * When detection succeeds the kernel reports the address again without the flag.
   */
  record AddressAdded(int ifindex, IpAddress address, int prefixLength, boolean tentative)
      implements NetlinkEvent {

    /** Creates the event for an address that is usable at once. */
    public AddressAdded(int ifindex, IpAddress address, int prefixLength) {
      this(ifindex, address, prefixLength, false);
    }
  }

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

  /** Every interface and address that existed at start has been reported. */
  record DumpComplete() implements NetlinkEvent {}

  /**
   * The kernel dropped events because the socket's buffer was full (ENOBUFS). The monitor
   * requests a new dump, which ends with another {@link DumpComplete}.
   */
  record EventsLost() implements NetlinkEvent {}
}
