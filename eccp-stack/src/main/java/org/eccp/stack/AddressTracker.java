package org.eccp.stack;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.eccp.engine.Event;
import org.eccp.wire.IpAddress;

/**
 * Turns the kernel's address and interface notifications into engine events. An address reaches
 * the engine when the {@link AddressFilter} accepts it and its interface is usable (up and
 * running, or not reported otherwise yet) and it is not tentative. It leaves when it is removed,
 * becomes tentative again or its interface stops being usable. Repeated notifications produce no
 * second event.
 *
 * <p>A tentative IPv6 address (duplicate address detection running or failed) is treated as
 * absent: the kernel would not send from it. The kernel reports it again without the flag once
 * detection succeeds, and only then does it reach the engine.
 *
 * <p>After the kernel dropped notifications, {@link #beginResync()} followed by a fresh dump and
 * {@link #dumpComplete()} removes the addresses that the dump no longer lists. Not thread-safe:
 * the event loop owns it.
 */
final class AddressTracker {
  private static final class Interface {
    boolean usable = true;
    final Set<IpAddress> addresses = new LinkedHashSet<>();
  }

  private final AddressFilter filter;
  private final Consumer<Event> out;
  private final Map<Integer, Interface> interfaces = new TreeMap<>();
  private Set<IpAddress> seenInResync;

  AddressTracker(AddressFilter filter, Consumer<Event> out) {
    this.filter = filter;
    this.out = out;
  }

  /** Takes an added or changed address; a tentative one counts as removed. */
  void addressAdded(int ifIndex, IpAddress address, boolean tentative) {
    if (tentative) {
      addressRemoved(ifIndex, address);
    } else {
      addressAdded(ifIndex, address);
    }
  }

  void addressAdded(int ifIndex, IpAddress address) {
    if (!filter.accepts(address)) {
      return;
    }
    if (seenInResync != null) {
      seenInResync.add(address);
    }
    Interface i = interfaces.computeIfAbsent(ifIndex, k -> new Interface());
    if (i.addresses.add(address) && i.usable) {
      out.accept(new Event.AddressAdded(ifIndex, address));
    }
  }

  void addressRemoved(int ifIndex, IpAddress address) {
    Interface i = interfaces.get(ifIndex);
    if (i != null && i.addresses.remove(address) && i.usable) {
      out.accept(new Event.AddressRemoved(ifIndex, address));
    }
  }

  void linkChanged(int ifIndex, boolean usable) {
    Interface i = interfaces.computeIfAbsent(ifIndex, k -> new Interface());
    if (i.usable == usable) {
      return;
    }
    i.usable = usable;
    if (i.addresses.isEmpty()) {
      return;
    }
    if (usable) {
      for (IpAddress a : i.addresses) {
        out.accept(new Event.AddressAdded(ifIndex, a));
      }
    } else {
      out.accept(new Event.InterfaceDown(ifIndex));
    }
  }

  void linkRemoved(int ifIndex) {
    Interface i = interfaces.remove(ifIndex);
    if (i != null && i.usable && !i.addresses.isEmpty()) {
      out.accept(new Event.InterfaceDown(ifIndex));
    }
  }

  /** Starts collecting the addresses of a new dump, requested after lost notifications. */
  void beginResync() {
    seenInResync = new HashSet<>();
  }

  /** Ends a dump: after a resync, removes every address that the dump did not list. */
  void dumpComplete() {
    if (seenInResync == null) {
      return;
    }
    Set<IpAddress> seen = seenInResync;
    seenInResync = null;
    for (Map.Entry<Integer, Interface> e : interfaces.entrySet()) {
      for (IpAddress a : Set.copyOf(e.getValue().addresses)) {
        if (!seen.contains(a)) {
          addressRemoved(e.getKey(), a);
        }
      }
    }
  }

  /** Returns the addresses that have been reported to the engine and not removed since. */
  Set<IpAddress> usableAddresses() {
    Set<IpAddress> all = new LinkedHashSet<>();
    for (Interface i : interfaces.values()) {
      if (i.usable) {
        all.addAll(i.addresses);
      }
    }
    return all;
  }
}
