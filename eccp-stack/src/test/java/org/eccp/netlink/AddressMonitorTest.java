package org.eccp.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.nativ.Syscalls;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watches a namespace that the test creates while it adds and removes addresses and links. */
class AddressMonitorTest {
  private static NetworkNamespace ns;
  private static int vethIndex;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    ns = NetworkNamespace.create("eccpt-" + Integer.toHexString(
        ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)));
    ns.exec("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
    vethIndex = ns.call(() -> Syscalls.ifNameToIndex("v0"));
  }

  @AfterAll
  static void tearDown() {
    if (ns != null) {
      ns.close();
    }
  }

  static NetlinkEvent await(BlockingQueue<NetlinkEvent> events, Predicate<NetlinkEvent> match)
      throws InterruptedException {
    List<NetlinkEvent> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      NetlinkEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && match.test(e)) {
        return e;
      }
      if (e != null) {
        seen.add(e);
      }
    }
    throw new AssertionError("no matching event within 5 s; saw " + seen);
  }

  @Test
  void dumpListsLoopbackBeforeDumpComplete() throws Exception {
    BlockingQueue<NetlinkEvent> events = new LinkedBlockingQueue<>();
    try (AddressMonitor monitor = ns.call(() -> AddressMonitor.start(events::add))) {
      assertTrue(monitor.awaitDump(5, TimeUnit.SECONDS));

      List<NetlinkEvent> dumped = new ArrayList<>();
      events.drainTo(dumped);
      assertTrue(dumped.contains(
          new NetlinkEvent.AddressAdded(1, IpAddress.parse("127.0.0.1"), 8)), dumped.toString());
      assertEquals(new NetlinkEvent.DumpComplete(), dumped.get(dumped.size() - 1));
    }
  }

  @Test
  void addressAndLinkChangesArrive() throws Exception {
    BlockingQueue<NetlinkEvent> events = new LinkedBlockingQueue<>();
    AddressMonitor monitor = ns.call(() -> AddressMonitor.start(events::add));
    try {
      assertTrue(monitor.awaitDump(5, TimeUnit.SECONDS));
      events.clear();
      IpAddress v4 = IpAddress.parse("198.18.5.1");
      IpAddress v6 = IpAddress.parse("fd00:5::1");

      ns.exec("ip", "addr", "add", "198.18.5.1/24", "dev", "v0");
      assertEquals(new NetlinkEvent.AddressAdded(vethIndex, v4, 24),
          await(events, e -> e instanceof NetlinkEvent.AddressAdded));

      ns.exec("ip", "addr", "add", "fd00:5::1/64", "dev", "v0", "nodad");
      assertEquals(new NetlinkEvent.AddressAdded(vethIndex, v6, 64),
          await(events, e -> e instanceof NetlinkEvent.AddressAdded a && a.address().isV6()));

      ns.exec("ip", "link", "set", "v0", "up");
      NetlinkEvent up = await(events, e -> e instanceof NetlinkEvent.LinkChanged l && l.up());
      assertEquals(vethIndex, ((NetlinkEvent.LinkChanged) up).ifindex());
      assertEquals("v0", ((NetlinkEvent.LinkChanged) up).name());

      ns.exec("ip", "link", "set", "v0", "down");
      await(events, e -> e instanceof NetlinkEvent.LinkChanged l && !l.up()
          && l.ifindex() == vethIndex);

      ns.exec("ip", "addr", "del", "198.18.5.1/24", "dev", "v0");
      assertEquals(new NetlinkEvent.AddressRemoved(vethIndex, v4, 24),
          await(events, e -> e instanceof NetlinkEvent.AddressRemoved r && !r.address().isV6()));
      assertEquals(0, monitor.malformed());
    } finally {
      monitor.close();
    }
    assertFalse(monitor.threadAlive(), "monitor thread still running after close");
  }
}
