package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.tun.TunDevice;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sends ECCP packets between two namespaces over each kind of link. */
class LinkNamespaceTest {
  private static final IpAddress A = IpAddress.parse("198.18.1.1");
  private static final IpAddress B = IpAddress.parse("198.18.1.2");
  private static final int HEADROOM = 64;

  private static TwoNamespaces net;

  @BeforeAll
  static void setUp() throws Exception {
    net = TwoNamespaces.create();
  }

  @AfterAll
  static void tearDown() {
    if (net != null) {
      net.close();
    }
  }

  /** Returns a buffer holding a DATA packet with the given payload, after HEADROOM free bytes. */
  static Bytes<?> eccpData(int senderFlowId, byte[] payload) {
    EccpPacket header = new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM, senderFlowId, 7,
        0x1122334455667788L, 0, 0, null, null, 0, 0);
    Bytes<?> b = Bytes.allocateDirect(2048);
    int length = EccpHeader.lengthOf(header);
    new EccpHeader().wrap(b, HEADROOM, length + payload.length).emit(header);
    b.writePosition(HEADROOM + length);
    b.write(payload);
    b.readPosition(HEADROOM);
    return b;
  }

  /** Receives one packet on another thread, giving up (and waking the link) after 5 s. */
  static Bytes<?> receiveOne(Link link, ReceivedPacket meta) throws Exception {
    Bytes<?> in = Bytes.allocateDirect(4096);
    in.singleThreadedCheckDisabled(true);
    CompletableFuture<Boolean> got = CompletableFuture.supplyAsync(() -> {
      try {
        return link.receive(in, meta);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      assertTrue(got.get(5, TimeUnit.SECONDS), "receive was woken without a packet");
    } catch (TimeoutException e) {
      link.wakeup();
      throw new AssertionError("no packet within 5 s; counters: " + link.counters(), e);
    }
    return in;
  }

  static void assertEccpData(Bytes<?> in, int senderFlowId, byte[] payload) {
    EccpHeader header = new EccpHeader().wrap(in, in.readPosition(),
        (int) (in.readLimit() - in.readPosition()));
    assertTrue(header.check().ok(), "ECCP header check: " + header.lastCheck().problem());
    assertEquals(PacketType.DATA, header.type());
    assertEquals(senderFlowId, header.senderFlowId());
    byte[] got = new byte[(int) (in.readLimit() - in.readPosition() - header.headerLength())];
    in.readSkip(header.headerLength());
    in.read(got);
    assertArrayEquals(payload, got);
  }

  private static void sendAndCheck(Link from, IpAddress src, Link to, IpAddress dst, int flow)
      throws Exception {
    byte[] payload = ("flow " + flow).getBytes(StandardCharsets.US_ASCII);
    Bytes<?> packet = eccpData(flow, payload);
    ReceivedPacket meta = new ReceivedPacket();
    CompletableFuture<Bytes<?>> received = CompletableFuture.supplyAsync(() -> {
      try {
        return receiveOne(to, meta);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);

    from.send(src, dst, packet);
    Bytes<?> in = received.get(10, TimeUnit.SECONDS);

    assertEquals(HEADROOM, packet.readPosition(), "send leaves the read position");
    assertEquals(src, meta.source());
    assertEquals(dst, meta.destination());
    assertEccpData(in, flow, payload);
  }

  @Test
  void rawIpCarriesEccpBothWays() throws Exception {
    try (RawIpLink a = net.a.call(() -> RawIpLink.open(Encapsulation.DEFAULT));
        RawIpLink b = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
      sendAndCheck(a, A, b, B, 101);
      sendAndCheck(b, B, a, A, 102);

      assertEquals(1, a.counters().sent());
      assertEquals(1, b.counters().received());
    }
  }

  /**
   * A second veth pair and a source-address rule in namespace a: a packet from 198.18.9.1 to
   * 198.18.5.2 must take veth1 by the rule's table, because the main table has a blackhole route
   * for that destination.
   */
  @Test
  void rawIpFollowsSourceAddressRule() throws Exception {
    IpAddress source = IpAddress.parse("198.18.9.1");
    IpAddress target = IpAddress.parse("198.18.5.2");
    NetworkNamespace.run("ip", "-n", net.a.name(), "link", "add", "veth1", "type", "veth",
        "peer", "name", "veth1", "netns", net.b.name());
    try {
      net.a.exec("ip", "addr", "add", "198.18.9.1/24", "dev", "veth1");
      net.b.exec("ip", "addr", "add", "198.18.9.2/24", "dev", "veth1");
      net.a.exec("ip", "link", "set", "veth1", "up");
      net.b.exec("ip", "link", "set", "veth1", "up");
      net.b.exec("ip", "link", "set", "lo", "up");
      net.b.exec("ip", "addr", "add", "198.18.5.2/32", "dev", "lo");
      net.a.exec("ip", "route", "add", "blackhole", "198.18.5.2/32");
      net.a.exec("ip", "route", "add", "198.18.5.2/32", "via", "198.18.9.2", "dev", "veth1",
          "table", "109");
      net.a.exec("ip", "rule", "add", "from", "198.18.9.1", "table", "109");

      try (RawIpLink a = net.a.call(() -> RawIpLink.open(Encapsulation.DEFAULT));
          RawIpLink b = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
        sendAndCheck(a, source, b, target, 104);
      }
    } finally {
      net.a.exec("ip", "rule", "del", "from", "198.18.9.1", "table", "109");
      net.a.exec("ip", "route", "del", "blackhole", "198.18.5.2/32");
      net.b.exec("ip", "addr", "del", "198.18.5.2/32", "dev", "lo");
      net.a.exec("ip", "link", "del", "veth1");
    }
  }

  @Test
  void rawIpv6CarriesEccpBothWays() throws Exception {
    net.a.exec("ip", "addr", "add", "fd00:1::1/64", "dev", "veth0", "nodad");
    net.b.exec("ip", "addr", "add", "fd00:1::2/64", "dev", "veth0", "nodad");
    try (RawIp6Link a = net.a.call(() -> RawIp6Link.open(Encapsulation.DEFAULT));
        RawIp6Link b = net.b.call(() -> RawIp6Link.open(Encapsulation.DEFAULT))) {
      sendAndCheck(a, IpAddress.parse("fd00:1::1"), b, IpAddress.parse("fd00:1::2"), 103);
      sendAndCheck(b, IpAddress.parse("fd00:1::2"), a, IpAddress.parse("fd00:1::1"), 104);
    } finally {
      net.a.exec("ip", "addr", "del", "fd00:1::1/64", "dev", "veth0");
      net.b.exec("ip", "addr", "del", "fd00:1::2/64", "dev", "veth0");
    }
  }

  @Test
  void udpCarriesEccpBothWays() throws Exception {
    try (UdpLink a = net.a.call(() -> UdpLink.open(7400));
        UdpLink b = net.b.call(() -> UdpLink.open(7400))) {
      sendAndCheck(a, A, b, B, 201);
      sendAndCheck(b, B, a, A, 202);
    }
  }

  @Test
  void udpSourceFollowsChosenLocalAddress() throws Exception {
    net.a.exec("ip", "addr", "add", "198.18.1.11/24", "dev", "veth0");
    try (UdpLink a = net.a.call(() -> UdpLink.open(7401));
        UdpLink b = net.b.call(() -> UdpLink.open(7401))) {
      sendAndCheck(a, IpAddress.parse("198.18.1.11"), b, B, 203);
    } finally {
      net.a.exec("ip", "addr", "del", "198.18.1.11/24", "dev", "veth0");
    }
  }

  @Test
  void udpCarriesEccpOverIpv6() throws Exception {
    net.a.exec("ip", "addr", "add", "fd00:1::1/64", "dev", "veth0", "nodad");
    net.b.exec("ip", "addr", "add", "fd00:1::2/64", "dev", "veth0", "nodad");
    try (UdpLink a = net.a.call(() -> UdpLink.open(7402));
        UdpLink b = net.b.call(() -> UdpLink.open(7402))) {
      sendAndCheck(a, IpAddress.parse("fd00:1::1"), b, IpAddress.parse("fd00:1::2"), 204);
      sendAndCheck(b, IpAddress.parse("fd00:1::2"), a, IpAddress.parse("fd00:1::1"), 205);
    } finally {
      net.a.exec("ip", "addr", "del", "fd00:1::1/64", "dev", "veth0");
      net.b.exec("ip", "addr", "del", "fd00:1::2/64", "dev", "veth0");
    }
  }

  @Test
  void tunLinkExchangesWithRawLinkThroughRouting() throws Exception {
    net.a.exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    net.b.exec("ip", "route", "add", "198.18.2.0/24", "via", "198.18.1.1");
    IpAddress behindTun = IpAddress.parse("198.18.2.2");
    try (TunLink tun = new TunLink(net.a.call(() -> TunDevice.create("eccpt-tun", 1)), true,
            Encapsulation.DEFAULT);
        RawIpLink b = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
      tun.device().configure(1400, List.of("198.18.2.1/24"));

      sendAndCheck(tun, behindTun, b, B, 301);
      sendAndCheck(b, B, tun, behindTun, 302);
    } finally {
      net.b.exec("ip", "route", "del", "198.18.2.0/24");
    }
  }

  @Test
  void wakeupAndCloseEndBlockedReceive() throws Exception {
    RawIpLink link = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT));
    Bytes<?> in = Bytes.allocateDirect(2048);
    in.singleThreadedCheckDisabled(true);
    CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> {
      try {
        return link.receive(in, new ReceivedPacket());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);

    link.wakeup();
    assertFalse(first.get(5, TimeUnit.SECONDS));
    link.clearWakeup();
    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
      try {
        return link.receive(in, new ReceivedPacket());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    link.close();

    assertFalse(second.get(5, TimeUnit.SECONDS));
  }
}
