package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eccp.engine.Event;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class AddressTrackerTest {
  private static final IpAddress A = IpAddress.parse("198.18.1.10");
  private static final IpAddress B = IpAddress.parse("198.18.2.10");
  private static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");
  private static final IpAddress V6 = IpAddress.parse("fd00:0:18:1::10");
  private static final IpAddress LINK_LOCAL = IpAddress.parse("fe80::1");

  private final List<Event> events = new ArrayList<>();
  private final AddressTracker tracker = new AddressTracker(AddressFilter.ANY, events::add);

  @Test
  void added_reportsOnceAndSkipsFilteredAddresses() {
    tracker.addressAdded(2, A);
    tracker.addressAdded(2, A);
    tracker.addressAdded(1, LOOPBACK);
    tracker.addressAdded(2, LINK_LOCAL);
    tracker.addressAdded(2, V6);
    assertEquals(List.of(new Event.AddressAdded(2, A), new Event.AddressAdded(2, V6)), events);
  }

  @Test
  void tentative_waitsUntilDetectionSucceeds() {
    tracker.addressAdded(2, V6, true);
    assertEquals(List.of(), events, "a tentative address is held back");

    tracker.addressAdded(2, V6, false);
    tracker.addressAdded(2, V6, false);
    assertEquals(List.of(new Event.AddressAdded(2, V6)), events);

    tracker.addressAdded(2, V6, true);
    assertEquals(List.of(new Event.AddressAdded(2, V6), new Event.AddressRemoved(2, V6)), events,
        "an address that turns tentative again (link flap, failed detection) is removed");
    assertEquals(Set.of(), tracker.usableAddresses());
  }

  @Test
  void removed_reportsOnlyKnownAddresses() {
    tracker.addressRemoved(2, A);
    tracker.addressAdded(2, A);
    tracker.addressRemoved(2, A);
    tracker.addressRemoved(2, A);
    assertEquals(List.of(new Event.AddressAdded(2, A), new Event.AddressRemoved(2, A)), events);
  }

  @Test
  void linkDown_hidesAddressesUntilUp() {
    tracker.linkChanged(3, false);
    tracker.addressAdded(3, B);
    assertEquals(List.of(), events, "an address on a down interface is held back");
    tracker.linkChanged(3, true);
    assertEquals(List.of(new Event.AddressAdded(3, B)), events);
    tracker.linkChanged(3, false);
    assertEquals(new Event.InterfaceDown(3), events.get(1));
    tracker.linkChanged(3, false);
    assertEquals(2, events.size(), "a repeated down changes nothing");
  }

  @Test
  void linkDown_withoutAddressesReportsNothing() {
    tracker.linkChanged(4, false);
    tracker.linkChanged(4, true);
    tracker.linkRemoved(4);
    assertEquals(List.of(), events);
  }

  @Test
  void linkRemoved_reportsInterfaceDown() {
    tracker.addressAdded(2, A);
    tracker.linkRemoved(2);
    assertEquals(new Event.InterfaceDown(2), events.get(1));
    assertEquals(Set.of(), tracker.usableAddresses());
  }

  @Test
  void resync_removesAddressesMissingFromTheNewDump() {
    tracker.addressAdded(2, A);
    tracker.addressAdded(3, B);
    tracker.dumpComplete();
    tracker.beginResync();
    tracker.addressAdded(3, B);
    tracker.dumpComplete();
    assertEquals(new Event.AddressRemoved(2, A), events.get(2));
    assertEquals(3, events.size());
    assertEquals(Set.of(B), tracker.usableAddresses());
  }

  @Test
  void bindList_acceptsOnlyListedAddresses() {
    List<Event> seen = new ArrayList<>();
    AddressTracker bound = new AddressTracker(AddressFilter.only(List.of(B)), seen::add);
    bound.addressAdded(2, A);
    bound.addressAdded(3, B);
    assertEquals(List.of(new Event.AddressAdded(3, B)), seen);
  }
}
