package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.tun.TunDevice;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

/** Plain ping and ping -6 reach a TunLink's own addresses, in a namespace that the test creates. */
class TunLinkIcmpTest {
  @Test
  void pingToOwnAddressIsAnswered() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and TUN");
    try (NetworkNamespace ns = NetworkNamespace.createUnique("eccpt-")) {
      TunDevice device = ns.call(() -> TunDevice.create("eccpt-ping", 1));
      ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.eccpt-ping.disable_ipv6=1");
      device.configure(1400, List.of("198.18.77.1/30"));
      try (TunLink link = new TunLink(device, true, Encapsulation.DEFAULT,
          List.of(IpAddress.parse("198.18.77.2")))) {
        CompletableFuture<Boolean> loop = receiveInBackground(link);

        String out = ns.exec("ping", "-c", "3", "-W", "1", "198.18.77.2");

        assertTrue(out.contains("3 received"), out);
        assertEquals(3, link.counters().echoReplies());
        link.wakeup();
        assertEquals(false, loop.get(5, TimeUnit.SECONDS), "no ECCP packet expected");
      }
    }
  }

  @Test
  void ping6ToOwnAddressIsAnswered() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and TUN");
    try (NetworkNamespace ns = NetworkNamespace.createUnique("eccpt-")) {
      TunDevice device = ns.call(() -> TunDevice.create("eccpt-ping6", 1));
      ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.eccpt-ping6.accept_dad=0");
      device.configure(1400, List.of("fd00:77::1/64"));
      try (TunLink link = new TunLink(device, true, Encapsulation.DEFAULT,
          List.of(IpAddress.parse("198.18.77.2"), IpAddress.parse("fd00:77::2")))) {
        CompletableFuture<Boolean> loop = receiveInBackground(link);

        String out = ns.exec("ping", "-6", "-c", "3", "-W", "1", "fd00:77::2");

        assertTrue(out.contains("3 received"), out);
        assertEquals(3, link.counters().echoReplies());
        link.wakeup();
        assertEquals(false, loop.get(5, TimeUnit.SECONDS), "no ECCP packet expected");
      }
    }
  }

  /** Runs the link's receive path, which answers the echo requests, until it is woken. */
  private static CompletableFuture<Boolean> receiveInBackground(TunLink link) {
    Bytes<?> buffer = Bytes.allocateDirect(2048);
    buffer.singleThreadedCheckDisabled(true);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return link.receive(buffer, new ReceivedPacket());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
