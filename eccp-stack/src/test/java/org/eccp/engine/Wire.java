package org.eccp.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;

/**
 * Two hosts wired by hand: the packets each sends wait in a list until the test delivers, drops,
 * duplicates or reorders them. Time moves only when the test advances it.
 */
final class Wire {
  static final IpAddress A1 = IpAddress.parse("198.18.0.1");
  static final IpAddress A2 = IpAddress.parse("198.18.0.2");
  static final IpAddress A3 = IpAddress.parse("198.18.0.3");
  static final IpAddress B1 = IpAddress.parse("198.18.1.1");
  static final IpAddress B2 = IpAddress.parse("198.18.1.2");
  static final IpAddress B3 = IpAddress.parse("198.18.1.3");

  static IpAddress[] addrs(IpAddress... list) {
    return list;
  }

  final Host a;
  final Host b;
  final List<Host.Sent> inFlight = new ArrayList<>();
  long now = 1_000_000_000L;

  Wire(long seed) {
    this(new Host("A", seed), new Host("B", seed * 31 + 7));
  }

  Wire(Host a, Host b) {
    this.a = a;
    this.b = b;
  }

  /** Gives each host addresses (interface 1, 2, ...), makes B listen, and A connect to B. */
  int connect(IpAddress[] aAddrs, IpAddress[] bAddrs) {
    for (int i = 0; i < aAddrs.length; i++) {
      a.handle(now, new Event.AddressAdded(i + 1, aAddrs[i]));
    }
    for (int i = 0; i < bAddrs.length; i++) {
      b.handle(now, new Event.AddressAdded(i + 1, bAddrs[i]));
    }
    b.handle(now, new Event.Listen());
    return (int) a.handle(now, new Event.Connect(aAddrs[0], bAddrs[0]));
  }

  /** Moves what both hosts sent into the network. */
  Wire collect() {
    inFlight.addAll(a.takeSent());
    inFlight.addAll(b.takeSent());
    return this;
  }

  Host owner(IpAddress dst) {
    if (a.engine.localAddresses().stream().anyMatch(l -> l.address().equals(dst))) {
      return a;
    }
    if (b.engine.localAddresses().stream().anyMatch(l -> l.address().equals(dst))) {
      return b;
    }
    return null;
  }

  /** Delivers one packet to the host with its destination address (lost when there is none). */
  void deliver(Host.Sent p) {
    Host to = owner(p.dst());
    if (to != null) {
      to.handle(now, new Event.PacketIn(p.src(), p.dst(), p.header(), p.payload()));
    }
  }

  /** Delivers everything, including replies, until the network is quiet (bounded). */
  Wire settle() {
    for (int round = 0; round < 100; round++) {
      collect();
      if (inFlight.isEmpty()) {
        return this;
      }
      List<Host.Sent> batch = new ArrayList<>(inFlight);
      inFlight.clear();
      batch.forEach(this::deliver);
    }
    throw new AssertionError("the network did not settle: " + inFlight);
  }

  /** Removes and returns the first packet in flight of this type from this host's address. */
  Host.Sent take(PacketType type, Predicate<Host.Sent> which) {
    collect();
    for (int i = 0; i < inFlight.size(); i++) {
      Host.Sent p = inFlight.get(i);
      if (p.header().type() == type && which.test(p)) {
        return inFlight.remove(i);
      }
    }
    throw new AssertionError("no " + type + " in flight: " + inFlight);
  }

  Host.Sent take(PacketType type) {
    return take(type, p -> true);
  }

  /** Drops every packet in flight. */
  void dropAll() {
    collect();
    inFlight.clear();
  }

  /** Advances time and fires every due timer on both hosts. */
  void advance(long nanos) {
    now += nanos;
    a.handle(now, new Event.Tick());
    b.handle(now, new Event.Tick());
  }
}
