package org.eccp.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.nativ.Syscalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against a real TUN device in a network namespace that the test creates and deletes. */
class TunDeviceTest {
  private static final int LOCAL = 0xc6120001; // 198.18.0.1, the TUN address
  private static final int PEER = 0xc6120002; // 198.18.0.2, behind the TUN
  private static final int HEADROOM = 64;

  private static NetworkNamespace ns;
  private static TunDevice tun;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and TUN");
    ns = NetworkNamespace.create("eccpt-" + Integer.toHexString(
        ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)));
    // IPv6 would send router and multicast listener messages into the TUN at random times.
    ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
    ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
    tun = ns.call(() -> TunDevice.create("eccpt" + Integer.toHexString(
        ThreadLocalRandom.current().nextInt(0x1000, 0xffff)), 1));
    tun.configure(ns.name(), 1400, List.of("198.18.0.1/24"));
  }

  @AfterAll
  static void tearDown() {
    if (tun != null) {
      tun.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  private static Bytes<?> packetBuffer(byte[] packet) {
    Bytes<?> b = Bytes.allocateDirect(2048);
    b.writeSkip(HEADROOM);
    b.readPosition(HEADROOM);
    b.write(packet);
    return b;
  }

  /** Reads packets until one of {@code protocol} arrives and returns it. */
  private static byte[] readPacket(int protocol) throws Exception {
    Bytes<?> in = Bytes.allocateDirect(2048);
    for (int i = 0; i < 50; i++) {
      int n = tun.read(in, HEADROOM);
      assertEquals(HEADROOM, in.readPosition());
      byte[] packet = new byte[n];
      in.read(packet);
      if ((packet[0] >> 4) == 4 && packet[9] == protocol) {
        return packet;
      }
    }
    throw new AssertionError("no packet of protocol " + protocol + " in 50 reads");
  }

  @Test
  void kernelAnswersEchoRequestWrittenToTun() throws Exception {
    byte[] request = TestPackets.ipv4(PEER, LOCAL, 1,
        TestPackets.icmpEchoRequest(0x77, 1, "eccp".getBytes(StandardCharsets.US_ASCII)));

    tun.write(packetBuffer(request));
    byte[] reply = readPacket(1);

    assertEquals(LOCAL, ByteBuffer.wrap(reply).getInt(12), "reply source");
    assertEquals(PEER, ByteBuffer.wrap(reply).getInt(16), "reply destination");
    assertEquals(0, reply[20], "ICMP type echo reply");
    assertEquals(0x77, ByteBuffer.wrap(reply).getShort(24), "echo identifier");
  }

  @Test
  void udpWrittenToTunReachesBoundSocket() throws Exception {
    byte[] data = "hello over tun".getBytes(StandardCharsets.US_ASCII);
    try (DatagramChannel socket = ns.call(() -> DatagramChannel.open()
        .bind(new InetSocketAddress("198.18.0.1", 0)))) {
      int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();

      tun.write(packetBuffer(TestPackets.ipv4(PEER, LOCAL, 17, TestPackets.udp(4000, port, data))));
      ByteBuffer in = ByteBuffer.allocate(100);
      socket.configureBlocking(true);
      InetSocketAddress from = (InetSocketAddress) socket.receive(in);

      assertEquals("198.18.0.2", from.getAddress().getHostAddress());
      assertEquals(4000, from.getPort());
      assertArrayEquals(data, java.util.Arrays.copyOf(in.array(), in.position()));
    }
  }

  @Test
  void packetRoutedIntoTunIsReadWhole() throws Exception {
    byte[] data = "to the peer".getBytes(StandardCharsets.US_ASCII);
    try (DatagramChannel socket = ns.call(DatagramChannel::open)) {
      ns.call(() -> socket.send(ByteBuffer.wrap(data), new InetSocketAddress("198.18.0.2", 6000)));

      byte[] packet = readPacket(17);
      ByteBuffer p = ByteBuffer.wrap(packet);

      assertEquals(20 + 8 + data.length, packet.length);
      assertEquals(packet.length, p.getShort(2));
      assertEquals(LOCAL, p.getInt(12));
      assertEquals(PEER, p.getInt(16));
      assertEquals(6000, p.getShort(22));
      assertArrayEquals(data, java.util.Arrays.copyOfRange(packet, 28, packet.length));
    }
  }

  @Test
  void wakeupReturnsBlockedRead() throws Exception {
    Bytes<?> in = Bytes.allocateDirect(2048);
    in.singleThreadedCheckDisabled(true);
    tun.wakeup();
    while (tun.read(in, HEADROOM) >= 0) {
      // drains packets that earlier tests left behind
    }
    tun.clearWakeup();
    CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
      try {
        return tun.read(in, HEADROOM);
      } catch (NativeException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertFalse(result.isDone(), "read returned with no packet");

    tun.wakeup();

    assertEquals(-1, result.get(5, TimeUnit.SECONDS));
    tun.clearWakeup();
  }

  @Test
  void closeWakesReaderAndRemovesDevice() throws Exception {
    TunDevice second = ns.call(() -> TunDevice.create("eccpt-close", 2));
    Bytes<?> in = Bytes.allocateDirect(2048);
    in.singleThreadedCheckDisabled(true);
    CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
      try {
        return TunDevice.read(second.queue(1), in, 0);
      } catch (NativeException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);

    second.close();

    assertEquals(-1, result.get(5, TimeUnit.SECONDS));
    assertThrows(NativeException.class, () -> ns.call(() -> Syscalls.ifNameToIndex("eccpt-close")));
  }
}
